/**
 * @module retrieval/recipient
 * Whom a shopper buys for, when the message says ("a watch for my dad", "my wife's birthday"): the products of
 * the categories kept for the other sex ("womens-watches" for a father) go after the rest, in their order.
 * A message that speaks of both, or of neither, changes nothing.
 */
const MALE =
  /\b(?:dad|daddy|father|husband|hubby|boyfriend|fianc[eé]|son|brother|grandpa|grandad|granddad|grandfather|uncle|nephew|him|his|he|men|man|guy|gentleman|gentlemen)\b/i;
const FEMALE =
  /\b(?:mum|mom|mummy|mommy|mother|wife|girlfriend|fianc[eé]e|daughter|sister|grandma|granny|grandmother|aunt|auntie|niece|her|she|women|woman|lady|ladies)\b/i;

type Sex = 'male' | 'female';

/** The sex of the person the message speaks of, when it speaks of one only. */
export function recipientOf(text: string): Sex | undefined {
  const male = MALE.test(text);
  if (male === FEMALE.test(text)) return undefined;
  return male ? 'male' : 'female';
}

/** The sex a category is kept for, by its name ("mens-shirts", "womens-bags", "Women's Shoes"). */
function categorySex(category: string): Sex | undefined {
  if (/^(?:wom[ae]n|ladies|girls)/i.test(category)) return 'female';
  if (/^(?:m[ae]n|gentlemen|boys)(?![a-z])|^mens/i.test(category)) return 'male';
  return undefined;
}

/** `products` with those of the other sex's categories last (stable). */
export function forRecipient<T extends { category: string }>(products: T[], recipient: Sex | undefined): T[] {
  if (!recipient) return products;
  const other = (p: T) => {
    const sex = categorySex(p.category);
    return sex !== undefined && sex !== recipient;
  };
  if (!products.some(other)) return products;
  return [...products.filter((p) => !other(p)), ...products.filter(other)];
}

/**
 * @module nlu/training/slots
 * Slot fillers for the training templates: the many ways customers name the same thing.
 * Written for this project; `{name}` inside a filler is expanded recursively.
 */
export const SLOTS: Record<string, string[]> = {
  order: [
    'order', 'my order', 'the order', 'purchase', 'my purchase', 'the purchase', 'order {num}', 'purchase {num}',
    'order #{num}', 'order number {num}', 'order no. {num}', 'my order {num}', 'purchase number {num}',
    'my last order', 'my recent purchase', 'an order', 'a purchase', 'the order i made', 'order {num}',
    'purchase {num}', 'my package', 'the items i ordered', 'order nr {num}',
  ],
  item: ['order', 'package', 'parcel', 'purchase', 'item', 'product', 'items', 'shipment', 'stuff', 'delivery'],
  items: [
    'some items', 'a few items', 'several articles', 'a couple of products', 'some of your products', 'an item',
    'a product', 'several products', 'a few things', 'some stuff', 'a few articles', 'something', 'products',
  ],
  invoice: [
    'invoice', 'my invoice', 'the invoice', 'invoices', 'my invoices', 'bill', 'my bill', 'bills', 'my bills',
    'the bill', 'invoice #{inum}', 'invoice {inum}', 'bill #{inum}', 'bill {inum}', 'invoice number {inum}',
    'the invoice from {person}', 'bills from {person}', 'invoices from {person}', 'the bill from {person}',
    'my last invoice', 'the invoice for my order', 'receipt', 'my receipt', 'invoice {inumx}', 'the invoices of {month}',
  ],
  person: [
    'Mr. Carter', 'Ms. Alvarez', 'Mrs. Novak', 'Mr. Okoro', 'Sarah Chen', 'Tom Becker', 'Ms. Lindqvist',
    'Mr. Rossi', 'Dr. Patel', 'Anna Kowalski', 'Mr. Dubois', 'Ms. Tanaka', 'Luis Ortega', 'Mrs. Fischer',
  ],
  month: ['january', 'march', 'last month', 'this year', 'april', 'october', 'last year'],
  account_type: [
    'free', 'freemium', 'standard', 'premium', 'pro', 'gold', 'platinum', 'business', 'basic', 'family',
    'student', 'corporate', 'vip', 'plus', 'silver', 'personal',
  ],
  account: [
    'account', 'my account', '{account_type} account', 'my {account_type} account', 'a {account_type} account',
    'user account', 'profile', 'my profile', '{account_type} profile', 'customer account', 'my user profile',
  ],
  new_account: [
    'an account', 'a new account', 'a {account_type} account', 'an account for my {relative}', 'a user account',
    'a {account_type} account for my {relative}', 'a customer account', 'a profile', 'a new {account_type} profile',
  ],
  relative: ['wife', 'husband', 'son', 'daughter', 'mother', 'dad', 'brother', 'sister', 'partner', 'friend', 'kid'],
  refund: [
    'refund', 'reimbursement', 'money back', 'compensation', 'rebate', 'restitution', 'repayment', 'refunds',
    'reimbursements', 'my money', 'reembolso', 'cash back',
  ],
  amount: [
    '${n}', '{n} dollars', '{n} usd', '€{n}', '{n} euros', '£{n}', '{n} bucks', '${n}.99', '{n}$', 'USD {n}',
  ],
  fee: [
    'cancellation fee', 'cancellation fees', 'cancellation charge', 'cancellation charges', 'cancellation penalty',
    'cancellation penalties', 'early termination fee', 'termination fees', 'early exit fee', 'early exit charges',
    'withdrawal fee', 'withdrawal penalty', 'fee for cancelling', 'cancelation fee', 'penalty for canceling',
    'cost of cancelling', 'termination charge',
  ],
  address: [
    'shipping address', 'delivery address', 'address', 'postal address', 'ship-to address', 'mailing address',
    'home address', 'shipping details', 'delivery details', 'destination address', 'my address',
  ],
  place: [
    'Spain', 'Canada', 'Germany', 'Japan', 'Brazil', 'Australia', 'Mexico', 'Ireland', 'Norway', 'Poland',
    'India', 'Italy', 'France', 'Portugal', 'Dublin', 'Madrid', 'Toronto', 'Berlin', 'Lisbon', 'Chicago',
    'Oslo', 'Warsaw', 'Sydney', 'Hungary', 'Greece', 'Vienna', 'my country', 'Europe', 'the UK', 'the US',
  ],
  ship: ['shipping', 'delivery', 'shipment', 'postage', 'dispatch'],
  payment: [
    'payment', 'my payment', 'online payment', 'card payment', 'the payment', 'payments', 'a payment',
    'paypal payment', 'credit card payment', 'checkout', 'the transaction',
  ],
  payment_method: [
    'paypal', 'credit card', 'debit card', 'visa', 'mastercard', 'american express', 'apple pay', 'google pay',
    'bank transfer', 'gift card', 'cash on delivery', 'amex', 'bitcoin', 'installments', 'klarna',
  ],
  agent: [
    'human', 'a human', 'human agent', 'a human agent', 'real person', 'a real person', 'live agent', 'an agent',
    'agent', 'operator', 'an operator', 'representative', 'a representative', 'someone', 'a person', 'an assistant',
    'a live person', 'a human being', 'a staff member', 'an employee', 'a live representative',
  ],
  cs: [
    'customer service', 'customer support', 'customer assistance', 'the support team', 'help desk', 'customer care',
    'your support', 'client service', 'customer services', 'the service desk', 'customer service team',
  ],
  newsletter: [
    'newsletter', 'the newsletter', 'your newsletter', 'mailing list', 'email newsletter', 'company newsletter',
    'the news bulletin', 'promotional emails', 'corporate newsletter', 'weekly newsletter',
  ],
  password: [
    'password', 'my password', 'pwd', 'my pwd', 'PIN', 'my PIN code', 'passcode', 'login password', 'user password',
    'account password', 'access code', 'my key', 'my user password', 'password of my account',
  ],
  complain_obj: [
    'your service', 'your company', 'the delivery', 'a product', 'an employee', 'your customer service',
    'my last order', 'the quality', 'your business', 'the seller', 'the courier',
  ],
  thing: [
    'a product', 'your service', 'the product i bought', 'my purchase', 'your company', 'an item', 'your store',
    'the delivery service', 'your products', 'the customer service', 'my experience',
  ],
  product: [
    'laptop', 'gaming laptop', 'phone', 'smartphone', 'iphone', 'android phone', 'headphones', 'earbuds',
    'bluetooth speaker', 'tv', 'monitor', 'keyboard', 'mouse', 'tablet', 'smartwatch', 'watch', 'camera',
    'perfume', 'lipstick', 'mascara', 'moisturizer', 'face cream', 'shoes', 'running shoes', 'sneakers',
    'jacket', 'dress', 't-shirt', 'shirt', 'jeans', 'sofa', 'office chair', 'desk', 'bed frame', 'lamp',
    'dining table', 'sunglasses', 'handbag', 'backpack', 'bicycle', 'motorcycle', 'blender', 'kettle',
    'frying pan', 'knife set', 'coffee maker', 'air fryer', 'toy', 'board game', 'lego set', 'console',
    'controller', 'vr headset', 'necklace', 'ring', 'bracelet', 'earrings', 'wallet', 'dumbbells', 'yoga mat',
    'football', 'tennis racket', 'groceries', 'fresh fruit', 'rice', 'eggs', 'honey', 'vase', 'wall clock',
    'phone case', 'charger', 'power bank', 'usb cable', 'printer', 'router', 'hair dryer', 'shampoo', 'nail polish',
  ],
  product_name: [
    'Nimbus X12 Pro', 'Aerobook 14', 'Sonara Buds', 'Tembo speaker', 'Velvet Rose perfume', 'Orion 5 phone',
    'Zephyr sneakers', 'Atlas desk', 'Luma lamp', 'Pixel watch', 'Gucci bag', 'Nova tablet', 'Apex headset',
    'Sportbike motorcycle', 'Kestrel Fold', 'Brava espresso machine', 'Harbor jacket', 'Quill notebook',
    'Essence mascara', 'Calvin Klein perfume', 'Samsung Galaxy', 'iPhone 15', 'Dell XPS', 'Lenovo Yoga',
  ],
  brand: ['Apple', 'Samsung', 'Nike', 'Sony', 'Dell', 'Gucci', 'Adidas', 'Lenovo', 'Nimbus', 'Vertex', 'Rolex', 'Ikea'],
  use: ['gaming', 'running', 'work', 'travel', 'school', 'kids', 'the office', 'a gift', 'my mom', 'summer', 'winter'],
  color: ['black', 'white', 'red', 'blue', 'green', 'silver', 'pink', 'gold'],
};

/** A few random fillers for numbers, drawn by the generator. */
export function numberFiller(kind: string, random: () => number): string {
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
  switch (kind) {
    case 'num': {
      const len = [5, 6, 6, 7, 8, 8, 9, 10, 12, 12][Math.floor(random() * 10)] ?? 8;
      const lead = random() < 0.3 ? '00' : String(1 + Math.floor(random() * 9));
      return (lead + digits(len)).slice(0, len);
    }
    case 'inum':
      return (random() < 0.3 ? '00' : '') + digits(3 + Math.floor(random() * 6));
    case 'inumx':
      return `INV-${digits(6)}`;
    case 'n':
      return String([5, 10, 20, 25, 49, 60, 99, 120, 150, 200, 250, 300, 350, 400, 499, 500, 750, 1000, 1200, 1500][Math.floor(random() * 20)]);
    default:
      return digits(4);
  }
}

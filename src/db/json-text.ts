/**
 * @module db/json-text
 * An object's JSON text, made once. A chat reply is stored as its message's payload and sent as the response
 * body: the same text both times, serialised once (each serialisation of a reply with five products cost
 * about as much as a tenth of the turn's database write). The object must not change after it is read here.
 */
const texts = new WeakMap<object, string>();

export function jsonText(value: object): string {
  let text = texts.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    texts.set(value, text);
  }
  return text;
}

/** The JSON text already made for a value by `jsonText`, if any. */
export function madeJsonText(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null ? texts.get(value) : undefined;
}

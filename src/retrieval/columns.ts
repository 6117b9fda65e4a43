/**
 * @module retrieval/columns
 * Search filters tested on columns of the documents' metadata rather than on the metadata objects. A common
 * word's search tests thousands of documents; in a 100,000-product catalog their metadata objects are scattered
 * over a large heap, and reading one field of each cost more than the scoring (a price limit on "tablets":
 * 176 µs with the objects, 78 µs with a price column). A column is one field of every document by its number:
 * numbers in a Float64Array, anything else as small integer codes.
 */
import type { SearchFilter } from './search-index.ts';

interface NumberColumn {
  kind: 'number';
  /** The field's value, NaN where it is not a number (which no range admits). */
  values: Float64Array;
}

interface CodedColumn {
  kind: 'coded';
  /** The code of each document's value. */
  codes: Int32Array;
  /** Value → code, in order of first appearance (Map keys: the equality a Set's `has` uses). */
  dictionary: Map<unknown, number>;
}

type Column = NumberColumn | CodedColumn;

export class FilterColumns<M extends object> {
  readonly #metas: readonly M[];
  readonly #columns = new Map<string, Column>();
  /** How many documents the columns hold; more documents since then rebuild them on next use. */
  #built = 0;

  /** `metas` is read, never copied: documents added to it later are picked up by the next `compile`. */
  constructor(metas: readonly M[]) {
    this.#metas = metas;
  }

  /** A filter as a test of a document number; what `compileFilter` is for metadata objects. */
  compile(filter: SearchFilter | undefined): ((doc: number) => boolean) | undefined {
    if (this.#built !== this.#metas.length) {
      this.#columns.clear();
      this.#built = this.#metas.length;
    }
    const tests: ((doc: number) => boolean)[] = [];
    for (const [field, list] of Object.entries(filter?.anyOf ?? {})) tests.push(this.#anyOf(field, list));
    for (const [field, { gte, lte }] of Object.entries(filter?.range ?? {})) {
      const { values } = this.#numbers(field);
      const low = gte ?? Number.NEGATIVE_INFINITY;
      const high = lte ?? Number.POSITIVE_INFINITY;
      tests.push((doc) => (values[doc] as number) >= low && (values[doc] as number) <= high);
    }
    if (tests.length <= 1) return tests[0];
    return (doc) => {
      for (let i = 0; i < tests.length; i++) if (!(tests[i] as (doc: number) => boolean)(doc)) return false;
      return true;
    };
  }

  #anyOf(field: string, list: readonly unknown[]): (doc: number) => boolean {
    const { codes, dictionary } = this.#coded(field);
    // One flag per code: values no document holds have no code and admit nothing.
    const admitted = new Uint8Array(dictionary.size);
    for (const value of list) {
      const code = dictionary.get(value);
      if (code !== undefined) admitted[code] = 1;
    }
    return (doc) => admitted[codes[doc] as number] === 1;
  }

  #numbers(field: string): NumberColumn {
    const column = this.#columns.get(`number ${field}`);
    if (column?.kind === 'number') return column;
    const values = new Float64Array(this.#metas.length);
    this.#metas.forEach((meta, doc) => {
      const value = (meta as Record<string, unknown>)[field];
      values[doc] = typeof value === 'number' ? value : Number.NaN;
    });
    const built: NumberColumn = { kind: 'number', values };
    this.#columns.set(`number ${field}`, built);
    return built;
  }

  #coded(field: string): CodedColumn {
    const column = this.#columns.get(`coded ${field}`);
    if (column?.kind === 'coded') return column;
    const codes = new Int32Array(this.#metas.length);
    const dictionary = new Map<unknown, number>();
    this.#metas.forEach((meta, doc) => {
      const value = (meta as Record<string, unknown>)[field];
      let code = dictionary.get(value);
      if (code === undefined) {
        code = dictionary.size;
        dictionary.set(value, code);
      }
      codes[doc] = code;
    });
    const built: CodedColumn = { kind: 'coded', codes, dictionary };
    this.#columns.set(`coded ${field}`, built);
    return built;
  }
}

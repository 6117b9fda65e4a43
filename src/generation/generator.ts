/**
 * @module generation/generator
 * Reply phrasing behind one interface. The embedded default returns the grounded template reply as it is;
 * the Hugging Face generator (generation/huggingface, loaded only when configured) rephrases it with a chat
 * model, and the result is used only if every number and status in it appears in the grounded reply —
 * otherwise, and on any error or timeout, the template reply is used. Phrasing happens after the action:
 * model output never acts.
 */

export interface Phrasing {
  text: string;
  /** Which generator produced the text, and why the template was kept if it was. */
  by: 'template' | 'huggingface';
  fallback?: 'error' | 'timeout' | 'unsupported_claim' | 'circuit_open';
}

export interface Generator {
  readonly name: string;
  phrase(input: { question: string; grounded: string }): Promise<Phrasing>;
}

export class TemplateGenerator implements Generator {
  readonly name = 'template';
  async phrase({ grounded }: { question: string; grounded: string }): Promise<Phrasing> {
    return { text: grounded, by: 'template' };
  }
}

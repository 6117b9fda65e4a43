/**
 * @module eval/datasets
 * Readers for the public evaluation sets' shapes: Bitext CSV (text, intent, entity columns) and CLINC150
 * JSONL (`{ text, clinc_intent }`), mapped to our intent names.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { IntentName } from '../nlu/intents.ts';
import { INTENTS } from '../nlu/intents.ts';

export interface GoldEntity {
  type: string;
  value: string;
}

export interface EvalItem {
  text: string;
  /** Our intent name, or undefined when the item is left out of intent scoring. */
  intent?: IntentName;
  source: string;
  sourceIntent: string;
  entities: GoldEntity[];
}

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, newlines inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.length > 1 || r[0] !== '');
}

const known = new Set<string>(INTENTS);

/** Bitext: intent names are ours already; the entity columns become gold entities. */
export function readBitext(path: string): EvalItem[] {
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'));
  if (!header) return [];
  const col = (name: string) => header.indexOf(name);
  const [text, intent, type, value] = [col('text'), col('intent'), col('entity_type'), col('entity_value')];
  if (text < 0 || intent < 0) throw new Error(`${path}: expected columns text and intent`);
  return rows.map((r) => {
    const gold = r[intent] ?? '';
    const entityType = type >= 0 ? (r[type] ?? '') : '';
    return {
      text: r[text] ?? '',
      intent: known.has(gold) ? (gold as IntentName) : undefined,
      source: 'bitext',
      sourceIntent: gold,
      entities: entityType ? [{ type: entityType, value: r[value] ?? '' }] : [],
    };
  });
}

/**
 * CLINC150 → ours. Small talk maps to our small-talk intents; shop-related intents are left out of scoring
 * (a shop assistant may rightly answer them); everything else is out of scope.
 */
export const CLINC_MAP: Record<string, IntentName | null> = {
  greeting: 'greeting',
  goodbye: 'goodbye',
  thank_you: 'thanks',
  are_you_a_bot: 'bot_capabilities',
  what_can_i_ask_you: 'bot_capabilities',
  yes: 'affirm',
  no: 'deny',
  // "cancel that" stops the current request: in our dialogue that is a deny, not an unrelated query.
  cancel: 'deny',
  order_status: null,
  order: null,
};

const clincLine = z.object({ text: z.string(), clinc_intent: z.string() });

export function readClinc(path: string): EvalItem[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const { text, clinc_intent } = clincLine.parse(JSON.parse(line));
      const mapped = clinc_intent in CLINC_MAP ? CLINC_MAP[clinc_intent] : 'out_of_scope';
      return { text, intent: mapped ?? undefined, source: 'clinc', sourceIntent: clinc_intent, entities: [] };
    });
}

export function readDataset(path: string): EvalItem[] {
  if (path.endsWith('.csv')) return readBitext(path);
  if (path.endsWith('.jsonl')) return readClinc(path);
  throw new Error(`${path}: expected a .csv (Bitext) or .jsonl (CLINC) file`);
}

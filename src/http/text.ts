/**
 * @module http/text
 * The message-text rule shared by every endpoint that takes customer text.
 */
import { z } from 'zod';

export const MAX_MESSAGE_CHARS = 2000;

/** Unicode-normalised, control characters removed (tabs and newlines become spaces), 1–2000 characters. */
export const messageText = z
  .string()
  .transform((value) =>
    value
      .normalize('NFC')
      .replace(/[\t\n\r\u2028\u2029]+/g, ' ')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
      .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
      .trim(),
  )
  .pipe(
    z
      .string()
      .min(1, 'must not be empty')
      .max(MAX_MESSAGE_CHARS, `must be at most ${MAX_MESSAGE_CHARS} characters`),
  );

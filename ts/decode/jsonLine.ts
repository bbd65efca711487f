/** One line of JSON lines input: an object, or why it is not one. */
import { badLine, type DecodedLine } from './networkEvent.js';

export type JsonLine = { readonly object: Record<string, unknown> } | { readonly bad: DecodedLine };

export function parseJsonObjectLine(line: string): JsonLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { bad: badLine('invalid JSON', undefined, line) };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { bad: badLine('not a JSON object', undefined, line) };
  return { object: value as Record<string, unknown> };
}

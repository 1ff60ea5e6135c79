/**
 * Checks a page's `responseConstraint` before it reaches the engine: only the subset of JSON
 * schema that ./schema-grammar.ts turns into a grammar passes, and anything else is named (an
 * answer that only looks constrained is worse than a clear refusal). No npm library converts JSON
 * schema to GBNF, and llama.cpp's own converter (wllama's `response_format: json_schema`) failed
 * to start its sampler here ("Failed to initialize samplers"), so the grammar is ours and goes to
 * the engine as GBNF, which llama.cpp and WebLLM's XGrammar both read.
 */
import { NotSupportedError } from '../protocol';

/** Keywords the grammar enforces. */
const ENFORCED = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'minItems',
  'maxItems',
  'enum',
  'const',
  'minLength',
  'maxLength',
  'anyOf',
]);
/** Keywords that describe and constrain nothing. */
const ANNOTATIONS = new Set(['title', 'description', 'examples', 'default', '$schema', '$id', '$comment']);
const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'null', 'object', 'array']);
const MAX_DEPTH = 24;
const MAX_NODES = 2000;

/** A schema that passed the check: only the keywords above, each of the right shape. */
export type CheckedSchema = boolean | { [keyword: string]: unknown };

/**
 * The schema, parsed and checked.
 * @throws {NotSupportedError} not JSON, not a schema object, too deep or large, or a keyword the
 *   engine's grammar cannot enforce (named in the message).
 */
export function checkResponseSchema(text: string): CheckedSchema {
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch {
    throw new NotSupportedError('responseConstraint must be a JSON schema (an object); this is not JSON.');
  }
  if (!isObject(schema)) throw new NotSupportedError('responseConstraint must be a JSON schema object.');
  let nodes = 0;
  const visit = (node: unknown, path: string, depth: number): void => {
    if (++nodes > MAX_NODES || depth > MAX_DEPTH)
      throw new NotSupportedError(`responseConstraint is too large or too deep (at ${path}).`);
    if (typeof node === 'boolean') return;
    if (!isObject(node)) throw new NotSupportedError(`${path} is not a schema.`);
    for (const [key, value] of Object.entries(node)) {
      const at = `${path}.${key}`;
      if (ANNOTATIONS.has(key)) continue;
      if (!ENFORCED.has(key))
        throw new NotSupportedError(
          `The "${key}" keyword (at ${path}) cannot be enforced by the model's grammar.`,
        );
      checkKeyword(key, value, at, (child, p) => visit(child, p, depth + 1));
    }
  };
  visit(schema, '$', 0);
  return schema;
}

function checkKeyword(key: string, value: unknown, at: string, visit: (s: unknown, p: string) => void): void {
  switch (key) {
    case 'type': {
      const types = Array.isArray(value) ? value : [value];
      for (const t of types)
        if (typeof t !== 'string' || !TYPES.has(t))
          throw new NotSupportedError(`${at}: unknown type ${String(t)}.`);
      return;
    }
    case 'properties':
      if (!isObject(value)) throw new NotSupportedError(`${at} must be an object of schemas.`);
      for (const [name, child] of Object.entries(value)) visit(child, `${at}.${name}`);
      return;
    case 'items':
    case 'additionalProperties':
      visit(value, at);
      return;
    case 'anyOf':
      if (!Array.isArray(value) || value.length === 0)
        throw new NotSupportedError(`${at} must be a non-empty array of schemas.`);
      value.forEach((child, i) => visit(child, `${at}[${i}]`));
      return;
    case 'required':
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
        throw new NotSupportedError(`${at} must be an array of property names.`);
      return;
    case 'enum':
      if (!Array.isArray(value) || value.length === 0)
        throw new NotSupportedError(`${at} must be a non-empty array.`);
      return;
    case 'const':
      return;
    default:
      // minItems, maxItems, minLength, maxLength: counts the grammar repeats by.
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 10_000)
        throw new NotSupportedError(`${at} must be a whole number from 0 to 10000.`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

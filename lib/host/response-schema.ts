/**
 * Checks a page's `responseConstraint` before it reaches the engine. llama.cpp turns a JSON
 * schema into a GBNF grammar itself (wllama passes `response_format: json_schema` to its
 * converter) and WebLLM's XGrammar does the same, so no converter of ours sits in between; but
 * both skip keywords they cannot enforce, and an answer that only looks constrained is worse
 * than a clear refusal. So only the subset both enforce passes, and anything else is named.
 */
import { NotSupportedError } from '../protocol';

/** Keywords the engines' grammars enforce. */
const ENFORCED = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'prefixItems',
  'minItems',
  'maxItems',
  'enum',
  'const',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'format',
  'anyOf',
  'oneOf',
  'allOf',
  '$ref',
  '$defs',
  'definitions',
]);
/** Keywords that describe and constrain nothing. */
const ANNOTATIONS = new Set(['title', 'description', 'examples', 'default', '$schema', '$id', '$comment']);
const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'null', 'object', 'array']);
const FORMATS = new Set(['date', 'time', 'date-time', 'uuid']);
const MAX_DEPTH = 24;
const MAX_NODES = 2000;

/**
 * The schema as JSON text, checked.
 * @throws {NotSupportedError} not JSON, not a schema object, too deep or large, or a keyword the
 *   engine's grammar cannot enforce (named in the message).
 */
export function checkResponseSchema(text: string): string {
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
  return JSON.stringify(schema);
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
    case '$defs':
    case 'definitions':
      if (!isObject(value)) throw new NotSupportedError(`${at} must be an object of schemas.`);
      for (const [name, child] of Object.entries(value)) visit(child, `${at}.${name}`);
      return;
    case 'items':
    case 'additionalProperties':
      visit(value, at);
      return;
    case 'prefixItems':
    case 'anyOf':
    case 'oneOf':
    case 'allOf':
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
    case 'pattern':
      // llama.cpp compiles only anchored patterns into the grammar.
      if (typeof value !== 'string' || !value.startsWith('^') || !value.endsWith('$'))
        throw new NotSupportedError(`${at} must be a regular expression anchored with ^ and $.`);
      return;
    case 'format':
      if (typeof value !== 'string' || !FORMATS.has(value))
        throw new NotSupportedError(`${at}: only the formats ${[...FORMATS].join(', ')} can be enforced.`);
      return;
    case '$ref':
      if (typeof value !== 'string' || !value.startsWith('#/'))
        throw new NotSupportedError(`${at}: only references inside the schema (#/...) are allowed.`);
      return;
    case 'const':
      return;
    default:
      // minItems, maxItems, minLength, maxLength, minimum, maximum
      if (typeof value !== 'number' || !Number.isFinite(value))
        throw new NotSupportedError(`${at} must be a number.`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

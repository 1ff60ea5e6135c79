/**
 * A checked JSON schema (./response-schema.ts) as a GBNF grammar, which llama.cpp and WebLLM's
 * XGrammar both read: every text the grammar admits is JSON that validates against the schema.
 * Objects are written with every declared property, in order (optional ones too: present is
 * valid); no property beyond those; strings without maxLength stop at MAX_STRING characters and
 * arrays without maxItems at MAX_ITEMS, so a model decoding under it always finishes.
 */
import { NotSupportedError } from '../protocol';
import type { CheckedSchema } from './response-schema';

const MAX_STRING = 500;
const MAX_ITEMS = 100;

const BASE = [
  'ws ::= " "?',
  'char ::= [^"\\\\\\x00-\\x1F\\x7F] | "\\\\" (["\\\\/bfnrt] | "u" [0-9a-fA-F]{4})',
  'integer ::= "-"? ("0" | [1-9] [0-9]{0,15})',
  'number ::= integer ("." [0-9]{1,15})? ([eE] [-+]? [0-9]{1,3})?',
  'boolean ::= "true" | "false"',
  'null ::= "null"',
];

/** A GBNF literal matching exactly the JSON text of `value`. */
const literal = (value: unknown) => JSON.stringify(JSON.stringify(value));

export function schemaGrammar(schema: CheckedSchema): string {
  const rules: string[] = [];
  let next = 0;
  /** A new rule; named before its body is built, so a parent's number comes before its children's. */
  const rule = (body: () => string) => {
    const name = `r${next++}`;
    const at = rules.push('') - 1;
    rules[at] = `${name} ::= ${body()}`;
    return name;
  };

  const value = (node: CheckedSchema): string => {
    if (node === true || (typeof node === 'object' && Object.keys(node).length === 0)) return anyValue();
    if (node === false) throw new NotSupportedError('responseConstraint admits nothing (a false schema).');
    if ('const' in node) return rule(() => literal(node.const));
    const { enum: options, anyOf } = node;
    if (Array.isArray(options)) return rule(() => options.map(literal).join(' | '));
    if (Array.isArray(anyOf)) return rule(() => (anyOf as CheckedSchema[]).map(value).join(' | '));
    const types =
      node.type === undefined ? inferType(node) : Array.isArray(node.type) ? node.type : [node.type];
    return rule(() => (types as string[]).map((t) => typed(t, node)).join(' | '));
  };

  const typed = (type: string, node: { [k: string]: unknown }): string => {
    switch (type) {
      case 'object':
        return object(node);
      case 'array': {
        const item = node.items === undefined ? anyValue() : value(node.items as CheckedSchema);
        const min = (node.minItems as number | undefined) ?? 0;
        const max = (node.maxItems as number | undefined) ?? MAX_ITEMS;
        const more = `("," ws ${item}){${Math.max(0, min - 1)},${Math.max(0, max - 1)}}`;
        if (max === 0) return '"[" ws "]"';
        return min > 0 ? `"[" ws ${item} ${more} ws "]"` : `"[" ws (${item} ${more})? ws "]"`;
      }
      case 'string': {
        const min = (node.minLength as number | undefined) ?? 0;
        const max = (node.maxLength as number | undefined) ?? Math.max(min, MAX_STRING);
        return `"\\"" char{${min},${max}} "\\""`;
      }
      default:
        // integer, number, boolean, null: the base rules of the same name
        return type;
    }
  };

  const object = (node: { [k: string]: unknown }): string => {
    const props = Object.entries((node.properties ?? {}) as Record<string, CheckedSchema>);
    if (!props.length) return '"{" ws "}"';
    const members = props.map(([name, child]) => `${literal(name)} ws ":" ws ${value(child)}`);
    return `"{" ws ${members.join(' "," ws ')} ws "}"`;
  };

  let any: string | null = null;
  /** Any JSON value, nested at most three deep (so it always ends). */
  const anyValue = (): string => {
    if (any) return any;
    const scalar = rule(() => `"\\"" char{0,${MAX_STRING}} "\\"" | number | boolean | null`);
    let level = scalar;
    for (let depth = 0; depth < 3; depth++) {
      const inner = level;
      const pair = `"\\"" char{0,100} "\\"" ws ":" ws ${inner}`;
      const more = `{0,${MAX_ITEMS - 1}}`;
      level = rule(
        () =>
          `${scalar} | "[" ws (${inner} ("," ws ${inner})${more})? ws "]" | "{" ws (${pair} ("," ws ${pair})${more})? ws "}"`,
      );
    }
    return (any = level);
  };

  const root = value(schema);
  return [`root ::= ${root}`, ...rules, ...BASE].join('\n');
}

function inferType(node: { [k: string]: unknown }): string[] {
  if ('properties' in node || 'required' in node || 'additionalProperties' in node) return ['object'];
  if ('items' in node || 'minItems' in node || 'maxItems' in node) return ['array'];
  if ('minLength' in node || 'maxLength' in node) return ['string'];
  return ['object', 'array', 'string', 'number', 'boolean', 'null'];
}

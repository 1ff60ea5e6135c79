import { describe, expect, it } from 'vitest';
import { schemaGrammar } from './schema-grammar';
import { checkResponseSchema } from './response-schema';

const grammar = (schema: unknown) => schemaGrammar(checkResponseSchema(JSON.stringify(schema)));
/** The rule named `name`'s body. */
const ruleOf = (g: string, name: string) =>
  g
    .split('\n')
    .find((l) => l.startsWith(`${name} ::= `))
    ?.slice(name.length + 5);

describe('schemaGrammar', () => {
  it('writes an object with every declared property, in order, and nothing else', () => {
    const g = grammar({
      type: 'object',
      properties: { answer: { enum: ['yes', 'no'] }, sure: { type: 'boolean' } },
      required: ['answer'],
    });
    expect(g.split('\n')[0]).toBe('root ::= r0');
    expect(ruleOf(g, 'r0')).toBe(
      '"{" ws "\\"answer\\"" ws ":" ws r1 "," ws "\\"sure\\"" ws ":" ws r2 ws "}"',
    );
    expect(ruleOf(g, 'r1')).toBe('"\\"yes\\"" | "\\"no\\""');
    expect(ruleOf(g, 'r2')).toBe('boolean');
  });

  it('bounds strings and arrays so an answer always ends', () => {
    const g = grammar({ type: 'array', items: { type: 'string', maxLength: 12 }, minItems: 1, maxItems: 3 });
    expect(ruleOf(g, 'r0')).toBe('"[" ws r1 ("," ws r1){0,2} ws "]"');
    expect(ruleOf(g, 'r1')).toBe('"\\"" char{0,12} "\\""');
    expect(ruleOf(grammar({ type: 'string' }), 'r0')).toBe('"\\"" char{0,500} "\\""');
    expect(ruleOf(grammar({ type: 'array', items: { type: 'integer' } }), 'r0')).toBe(
      '"[" ws (r1 ("," ws r1){0,99})? ws "]"',
    );
  });

  it('keeps constants, unions and nullable types exact', () => {
    expect(ruleOf(grammar({ const: { a: [1, 'x"y'] } }), 'r0')).toBe(JSON.stringify('{"a":[1,"x\\"y"]}'));
    const g = grammar({ anyOf: [{ type: 'integer' }, { type: ['string', 'null'], maxLength: 2 }] });
    expect(ruleOf(g, 'r0')).toBe('r1 | r2');
    expect(ruleOf(g, 'r2')).toBe('"\\"" char{0,2} "\\"" | null');
  });

  it('refuses a schema that admits nothing', () => {
    expect(() => grammar({ properties: { a: false } })).toThrow(/admits nothing/);
  });
});

import { describe, expect, it } from 'vitest';
import { NotSupportedError } from '../protocol';
import { checkResponseSchema } from './response-schema';

const check = (schema: unknown) => () => checkResponseSchema(JSON.stringify(schema));

describe('checkResponseSchema', () => {
  it('passes the subset the engines enforce, annotations included', () => {
    const schema = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: 'Review',
      type: 'object',
      properties: {
        rating: { type: 'integer', description: 'one to five' },
        tags: { type: 'array', items: { enum: ['a', 'b'] }, minItems: 1, maxItems: 3 },
        who: { type: 'string', minLength: 1, maxLength: 40 },
        either: { anyOf: [{ type: 'null' }, { const: 1 }] },
      },
      required: ['rating'],
      additionalProperties: false,
    };
    expect(checkResponseSchema(JSON.stringify(schema))).toEqual(schema);
  });

  it('names what it cannot enforce', () => {
    expect(() => checkResponseSchema('{oops')).toThrow(/not JSON/);
    expect(check([])).toThrow(/schema object/);
    expect(check({ not: { type: 'string' } })).toThrow(/"not" keyword/);
    expect(check({ properties: { a: { if: {}, then: {} } } })).toThrow(
      /"if" keyword \(at \$\.properties\.a\)/,
    );
    expect(check({ type: 'date' })).toThrow(/unknown type date/);
    for (const keyword of ['pattern', 'format', '$ref', 'minimum', 'oneOf', 'allOf', 'prefixItems'])
      expect(check({ [keyword]: 'x' })).toThrow(`"${keyword}" keyword`);
    expect(check({ anyOf: [] })).toThrow(/non-empty/);
    expect(check({ minLength: '3' })).toThrow(/whole number/);
    expect(check({ maxItems: 1e9 })).toThrow(/whole number/);
    expect(check({ type: 'string' })).not.toThrow();
  });

  it('refuses schemas too deep or too large, before walking them all', () => {
    let deep: unknown = { type: 'string' };
    for (let i = 0; i < 100; i++) deep = { type: 'array', items: deep };
    expect(check(deep)).toThrow(NotSupportedError);
    const wide = {
      type: 'object',
      properties: Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`p${i}`, {}])),
    };
    expect(check(wide)).toThrow(/too large/);
  });
});

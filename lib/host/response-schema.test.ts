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
        rating: { type: 'integer', minimum: 1, maximum: 5 },
        tags: { type: 'array', items: { enum: ['a', 'b'] }, maxItems: 3 },
        when: { type: 'string', format: 'date' },
        code: { type: 'string', pattern: '^[A-Z]{3}$' },
        who: { $ref: '#/$defs/name' },
        either: { anyOf: [{ type: 'null' }, { const: 1 }] },
      },
      required: ['rating'],
      additionalProperties: false,
      $defs: { name: { type: 'string', maxLength: 40 } },
    };
    expect(JSON.parse(checkResponseSchema(JSON.stringify(schema)))).toEqual(schema);
  });

  it('names what it cannot enforce', () => {
    expect(() => checkResponseSchema('{oops')).toThrow(/not JSON/);
    expect(check([])).toThrow(/schema object/);
    expect(check({ not: { type: 'string' } })).toThrow(/"not" keyword/);
    expect(check({ properties: { a: { if: {}, then: {} } } })).toThrow(
      /"if" keyword \(at \$\.properties\.a\)/,
    );
    expect(check({ type: 'date' })).toThrow(/unknown type date/);
    expect(check({ pattern: 'abc' })).toThrow(/anchored/);
    expect(check({ format: 'email' })).toThrow(/formats/);
    expect(check({ $ref: 'https://evil.example/schema.json' })).toThrow(/inside the schema/);
    expect(check({ anyOf: [] })).toThrow(/non-empty/);
    expect(check({ minLength: '3' })).toThrow(/number/);
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

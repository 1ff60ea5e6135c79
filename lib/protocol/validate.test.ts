import { describe, expect, it } from 'vitest';
import { BadRequestError } from './errors';
import { parseClientMessage } from './validate';
import { MAX_CONTENT_CHARS } from './schema';

const model = { engine: 'wllama', id: 'tiny', url: 'http://127.0.0.1:9/tiny.gguf' };
const chat = (params: Record<string, unknown>) => ({ type: 'request', id: 'r1', method: 'chat', params });

describe('parseClientMessage', () => {
  it('accepts a well-formed chat request and keeps its params', () => {
    const message = parseClientMessage(
      chat({
        model,
        messages: [{ role: 'user', content: 'hi' }],
        max_tokens: 16,
        stop: ['\n'],
        priority: 'background',
      }),
    );
    expect(message).toMatchObject({
      type: 'request',
      method: 'chat',
      params: { max_tokens: 16, priority: 'background' },
    });
  });

  it('accepts cancel, status and capabilities messages', () => {
    expect(parseClientMessage({ type: 'cancel', id: 'r1' })).toEqual({ type: 'cancel', id: 'r1' });
    expect(parseClientMessage({ type: 'request', id: 's', method: 'status', params: {} })).toMatchObject({
      method: 'status',
    });
    expect(
      parseClientMessage({ type: 'request', id: 'c', method: 'capabilities', params: {} }),
    ).toMatchObject({ method: 'capabilities' });
  });

  it('accepts a grammar response format', () => {
    const message = parseClientMessage(
      chat({
        model,
        messages: [{ role: 'user', content: 'q' }],
        response_format: { type: 'grammar', grammar: 'root ::= "a"' },
      }),
    );
    expect(
      message.type === 'request' && message.method === 'chat' && message.params.response_format?.type,
    ).toBe('grammar');
  });

  it.each([
    ['a string', 'hello'],
    ['null', null],
    ['an unknown type', { type: 'hack', id: '1' }],
    ['an unknown method', { type: 'request', id: '1', method: 'eval', params: {} }],
    ['a missing id', { type: 'request', method: 'status', params: {} }],
    ['an empty id', { type: 'request', id: '', method: 'status', params: {} }],
    ['an extra envelope field', { type: 'cancel', id: '1', extra: true }],
    ['params on status', { type: 'request', id: '1', method: 'status', params: { x: 1 } }],
    ['no messages', chat({ model, messages: [] })],
    ['a bad role', chat({ model, messages: [{ role: 'root', content: 'x' }] })],
    [
      'an unknown engine',
      chat({ model: { engine: 'gpt', id: 'x' }, messages: [{ role: 'user', content: 'x' }] }),
    ],
    [
      'a non-http model URL',
      chat({
        model: { engine: 'wllama', id: 'x', url: 'file:///etc/passwd' },
        messages: [{ role: 'user', content: 'x' }],
      }),
    ],
    [
      'a temperature out of range',
      chat({ model, messages: [{ role: 'user', content: 'x' }], temperature: 9 }),
    ],
    ['a fractional max_tokens', chat({ model, messages: [{ role: 'user', content: 'x' }], max_tokens: 1.5 })],
    [
      'a too-long message',
      chat({ model, messages: [{ role: 'user', content: 'x'.repeat(MAX_CONTENT_CHARS + 1) }] }),
    ],
    ['a prototype-polluting key', JSON.parse('{"type":"cancel","id":"1","__proto__":{"x":1}}')],
  ])('rejects %s with a BadRequestError that says what is wrong', (_name, raw) => {
    let caught: unknown;
    try {
      parseClientMessage(raw);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BadRequestError);
    expect((caught as Error).message.length).toBeGreaterThan(10);
  });

  it('names the failing field', () => {
    expect(() =>
      parseClientMessage(chat({ model, messages: [{ role: 'user', content: 'x' }], temperature: 9 })),
    ).toThrow(/temperature/);
  });
});

import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { BadRequestError, HostUnavailableError, LocalAiError } from './errors';
import { callOneShot, oneShot } from './one-shot';
import { serveOneShot } from './one-shot-server';

const ME = 'me';
const METHODS = {
  add: oneShot({
    params: v.strictObject({ a: v.number(), b: v.number() }),
    result: v.number(),
    callers: ['extension-page', 'content-script'],
  }),
  secret: oneShot({ params: v.strictObject({}), result: v.string(), callers: ['host'] }),
} as const;
const HANDLERS = {
  add: async ({ a, b }: { a: number; b: number }) => a + b,
  secret: async () => 'key',
};
const PANEL = { id: ME, url: `chrome-extension://${ME}/sidepanel.html` };
const PAGE = { id: ME, url: 'https://example.org/', tab: { id: 3 }, frameId: 0 };

/** A sender wired straight to the server, through JSON as a runtime message would travel. */
const through = (sender: object) => async (message: unknown) =>
  JSON.parse(
    JSON.stringify(await serveOneShot(METHODS, HANDLERS, JSON.parse(JSON.stringify(message)), sender, ME)),
  ) as unknown;

describe('one-shot messages', () => {
  it('carry typed params to the handler and a checked result back', async () => {
    expect(await callOneShot(METHODS, through(PANEL), 'add', { a: 2, b: 3 })).toBe(5);
  });

  it('refuse callers a method does not allow, and bad params, as typed errors', async () => {
    await expect(callOneShot(METHODS, through(PAGE), 'secret', {})).rejects.toMatchObject({
      code: 'forbidden',
    });
    const bad = callOneShot(METHODS, through(PANEL), 'add', { a: 'x' } as never);
    await expect(bad).rejects.toBeInstanceOf(BadRequestError);
  });

  it('refuse senders from other extensions', async () => {
    const other = through({ id: 'other', url: 'chrome-extension://other/x.html' });
    await expect(callOneShot(METHODS, other, 'add', { a: 1, b: 1 })).rejects.toBeInstanceOf(LocalAiError);
  });

  it('reject a malformed or mistyped reply instead of passing it on', async () => {
    await expect(callOneShot(METHODS, async () => 'nonsense', 'add', { a: 1, b: 1 })).rejects.toBeInstanceOf(
      HostUnavailableError,
    );
    const wrong = async () => ({ ok: true, data: 'five' });
    await expect(callOneShot(METHODS, wrong, 'add', { a: 1, b: 1 })).rejects.toThrow(/malformed/);
    const gone = () => Promise.reject(new Error('Receiving end does not exist.'));
    await expect(callOneShot(METHODS, gone, 'add', { a: 1, b: 1 })).rejects.toThrow(/Receiving end/);
  });
});

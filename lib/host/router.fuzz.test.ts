/**
 * Fuzzes the real router through in-memory Ports: for each kind of caller, ≥10,000 random and
 * malformed messages (wrong envelopes, unknown methods, params of the wrong shape, huge and
 * deeply nested values, duplicate and cancelled ids). None may raise an unhandled error or
 * rejection, every request gets an answer, and the host still serves a good request afterwards.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ENGINE_PORT,
  METHODS,
  PAGE_API_PORT,
  type EngineClient,
  type HostMessage,
  type MethodName,
  type ModelRef,
  type SenderInfo,
} from '../protocol';
import { PANEL, pageSender, testRouter } from './test-router';

const MESSAGES = 10_000;
const METHOD_NAMES = Object.keys(METHODS) as MethodName[];
const synthetic: ModelRef = { engine: 'synthetic', id: 'synthetic-50000' };

/** A small seeded generator, so a failure can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick };
}

type Rng = ReturnType<typeof rng>;

function value(r: Rng, depth = 0): unknown {
  switch (r.int(depth > 3 ? 6 : 10)) {
    case 0:
      return null;
    case 1:
      return r.int(3) ? r.int(1000) - 500 : r.pick([NaN, Infinity, -0, 2 ** 60, 1e308]);
    case 2:
      return r.pick(['', 'x', 'chat', '__proto__', 'constructor', 'a'.repeat(5000), '\u0000\uffff', 'tab-2']);
    case 3:
      return r.int(2) === 0;
    case 4:
      return undefined;
    case 5:
      return {
        engine: r.pick(['webllm', 'wllama', 'remote', 'synthetic', 'x']),
        id: 'm',
        url: 'http://127.0.0.1:1/x',
      };
    case 6:
      return Array.from({ length: r.int(5) }, () => value(r, depth + 1));
    case 7: {
      const o: Record<string, unknown> = {};
      for (let i = r.int(5); i > 0; i--)
        o[
          r.pick([
            'model',
            'messages',
            'scope',
            'sql',
            'key',
            'tables',
            'sessionId',
            'input',
            'initialPrompts',
            'x',
          ])
        ] = value(r, depth + 1);
      return o;
    }
    case 8: {
      let nested: unknown = 'deep';
      for (let i = 0; i < 500; i++) nested = [nested];
      return nested;
    }
    default:
      return {
        messages: [{ role: r.pick(['user', 'system', 'tool']), content: value(r, depth + 1) }],
        model: synthetic,
        max_tokens: r.int(4),
      };
  }
}

function message(r: Rng, i: number): unknown {
  const id = r.int(10) === 0 ? r.pick(['dup', '', 'x'.repeat(300)]) : `f${i}`;
  switch (r.int(9)) {
    case 0:
      return value(r);
    case 1:
      return { type: 'cancel', id: r.pick([id, 'dup', 7]) };
    case 2:
      return {
        type: r.pick(['request', 'result', 'status', 'REQUEST']),
        id,
        method: value(r),
        params: value(r),
      };
    case 3:
      return { type: 'request', id, method: r.pick(METHOD_NAMES), params: value(r), extra: 1 };
    case 4:
      return {
        type: 'request',
        id,
        method: r.pick(['chat', 'status', 'page.create', 'page.prompt']),
        params: value(r),
      };
    case 5:
      // Page API calls that pass the schema: sessions that do not exist, huge and odd inputs, bad schemas.
      return {
        type: 'request',
        id,
        method: r.pick(['page.prompt', 'page.append', 'page.measure', 'page.clone', 'page.destroy']),
        params: {
          sessionId: r.pick(['s1', 'x', '__proto__']),
          input: [
            {
              role: r.pick(['user', 'system', 'assistant']),
              content: r.pick(['hi', 'x'.repeat(60_000), '']),
            },
          ],
          ...(r.int(2) ? { responseConstraint: r.pick(['{', '{"not":{}}', '{"type":"object"}', '[]']) } : {}),
        },
      };
    default:
      return { type: 'request', id, method: r.pick(METHOD_NAMES), params: value(r) };
  }
}

const unhandled: unknown[] = [];
const record = (e: unknown) => void unhandled.push(e);
beforeEach(() => {
  unhandled.length = 0;
  process.on('unhandledRejection', record);
  process.on('uncaughtException', record);
});
afterEach(() => {
  process.off('unhandledRejection', record);
  process.off('uncaughtException', record);
});

/** A request each kind of caller may make, for checking the host still serves it afterwards. */
const chatOnce = (client: EngineClient) =>
  expect(
    client.request('chat', { model: synthetic, messages: [{ role: 'user', content: 'hi' }], max_tokens: 3 }),
  ).resolves.toMatchObject({ model: synthetic });
const pagePrompt = async (client: EngineClient) => {
  const { sessionId } = await client.request('page.create', {});
  await expect(
    client.request('page.prompt', { sessionId, input: [{ role: 'user', content: 'hi' }] }),
  ).resolves.toMatchObject({ overflowed: false });
};

const callers: [string, SenderInfo, string, (client: EngineClient) => Promise<void>][] = [
  ['an extension page', PANEL, ENGINE_PORT, chatOnce],
  [
    'the host itself',
    { id: 'ext-id', url: 'chrome-extension://ext-id/offscreen.html' },
    ENGINE_PORT,
    chatOnce,
  ],
  ['a content script', pageSender('https://hostile.example', 3, 1), ENGINE_PORT, chatOnce],
  ['a web page', pageSender('https://hostile.example', 4, 0), PAGE_API_PORT, pagePrompt],
];

/** Every page is allowed: the fuzz reaches past consent into sessions, schemas and the engine. */
const allowAll = {
  chosenModels: async () => [synthetic],
  consented: async () => false,
  pageAccess: async () => ({ access: 'allowed' as const, providers: false, model: synthetic }),
};

describe('the router under random and malformed messages', () => {
  it.each(callers)(
    'stays up and keeps serving %s',
    async (_name, sender, portName, goodRequest) => {
      // No providers: a stray valid provider call fails cleanly, it never leaves the machine. The
      // user chose the synthetic model, so a content script's good request after the storm may use
      // it; every page is allowed. A clock that runs fast lets the fuzz through a page's rate limit.
      let t = 0;
      const { connect, router } = testRouter({ settings: allowAll, now: () => (t += 50) });
      const { port, client } = connect(sender, portName);
      const replies: HostMessage[] = [];
      port.onMessage.addListener((m) => replies.push(m));
      const r = rng(0xc0ffee + sender.url!.length);
      for (let i = 0; i < MESSAGES; i++) {
        port.postMessage(message(r, i) as never);
        if (i % 500 === 0) await new Promise((resolve) => setTimeout(resolve, 0));
      }
      // Everything still running is cancelled by the Port going away; a fresh client is then served.
      await expect
        .poll(() => replies.filter((m) => m.type !== 'status').length, { timeout: 20_000 })
        .toBeGreaterThan(MESSAGES * 0.75);
      expect(replies.some((m) => m.type === 'error' && m.error.code === 'bad-request')).toBe(true);
      port.disconnect();
      await expect.poll(() => router.status().running + router.status().queued, { timeout: 20_000 }).toBe(0);
      t += 60_000; // The site's request allowance refills.
      const fresh = connect(sender, portName).client;
      await goodRequest(fresh);
      await expect(connect(PANEL).client.request('status', {})).resolves.toMatchObject({ clients: 2 });
      void client;
      expect(unhandled).toEqual([]);
    },
    120_000,
  );
});

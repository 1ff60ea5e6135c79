// @vitest-environment happy-dom
import type { DuckDBConnection } from '@duckdb/duckdb-wasm/blocking';
import type { DuckInstance } from './duck-instance';
import { beforeAll, describe, expect, it } from 'vitest';
import { JOINABLE } from '../../tests/fixtures/tables/pages';
import {
  EngineClient,
  serializeError,
  type ChatParams,
  type ClientMessage,
  type ClientPort,
  type ContentMethod,
  type ExtractedTable,
  type HostMessage,
  type ModelRef,
} from '../protocol';
import type { PageBridge } from '../page/page-bridge';
import { extractTables } from '../tables/extract-tables';
import { openNodeDuckDb } from './node-duckdb';
import { SqlHost } from './sql-host';
import { TableSession } from './table-session';

const local: ModelRef = { engine: 'wllama', id: 'tiny.gguf' };
const cloud: ModelRef = { engine: 'remote', id: 'gpt', url: 'https://api.openai.com/v1' };
let first: DuckInstance;
let tables: ExtractedTable[];

beforeAll(async () => {
  first = await openNodeDuckDb();
  tables = extractTables(new DOMParser().parseFromString(JOINABLE, 'text/html'));
}, 60_000);

/**
 * A stand-in engine host (test double): SQL requests go to a real SqlHost over real DuckDB-WASM,
 * chat requests get the scripted replies in order. The client and the session are real.
 */
function host(replies: string[]) {
  // New connections to one sandboxed instance: starting an instance per test would be slow.
  const sql = new SqlHost(() =>
    Promise.resolve({
      connection: (first.connection as unknown as DuckDBConnection).useUnsafe((bindings) =>
        bindings.connect(),
      ),
      close: async () => {},
    }),
  );
  const chats: ChatParams[] = [];
  const scopes: string[] = [];
  const serve = async (message: ClientMessage): Promise<unknown> => {
    if (message.type !== 'request') return undefined;
    if (message.method === 'chat') {
      chats.push(message.params);
      const text = replies.shift() ?? '';
      const timing = { queuedMs: 0, firstTokenMs: 5, tokensPerSecond: 10 };
      return { text, finishReason: 'stop', model: message.params.model, usage: {}, timing };
    }
    if (message.method === 'consent.once') return { grant: `grant for ${message.params.site}` };
    if (message.method === 'sql.register') {
      scopes.push(message.params.scope);
      return sql.register(message.params.scope, message.params.tables);
    }
    if (message.method === 'sql.check') {
      scopes.push(message.params.scope);
      return sql.check(message.params.scope, message.params.sql);
    }
    if (message.method === 'sql.run') {
      scopes.push(message.params.scope);
      return sql.run(message.params.scope, message.params.sql, message.params.limit);
    }
    throw new Error(`unexpected ${message.method}`);
  };
  const client = new EngineClient({
    ensureHost: async () => {},
    connect: (): ClientPort => {
      let listener: (m: HostMessage) => void = () => {};
      return {
        postMessage: (message) => {
          if (message.type !== 'request') return;
          serve(message).then(
            (data) => listener({ type: 'result', id: message.id, data } as HostMessage),
            (error: unknown) => listener({ type: 'error', id: message.id, error: serializeError(error) }),
          );
        },
        disconnect: () => {},
        onMessage: { addListener: (l) => void (listener = l) },
        onDisconnect: { addListener: () => {} },
      };
    },
  });
  return { client, chats, scopes };
}

/** The page as the content script answers it (test double for the tab messaging). */
function page(): PageBridge & { sent: { method: ContentMethod; params: unknown }[] } {
  const sent: { method: ContentMethod; params: unknown }[] = [];
  const answer = async (method: ContentMethod, params: unknown): Promise<unknown> => {
    sent.push({ method, params });
    if (method === 'extract-tables') return { tables };
    if (method === 'page-url') return 'https://example.org/countries';
    throw new Error('The page went away.');
  };
  // The test double answers by method; the bridge's per-method types are the real code's concern.
  return { sent, scope: async () => 'tab-7', ask: answer as PageBridge['ask'] };
}

const prompt = (chat: ChatParams) => chat.messages.map((m) => m.content).join('\n');

describe('TableSession', () => {
  it("loads the page's tables into its scope and answers from DuckDB, saying where it ran", async () => {
    const engine = host(['SELECT "capital" FROM "capitals" WHERE "code" = \'DE\'', 'Berlin.']);
    const session = new TableSession(engine.client, page(), async () => ({ model: local, note: null }));
    expect((await session.load()).map((t) => t.sqlName)).toEqual(['countries', 'capitals']);
    const answer = await session.ask('Capital of Germany?');
    expect(answer).toMatchObject({ kind: 'answer', answer: 'Berlin.', result: { rows: [['Berlin']] } });
    expect(answer.run).toContain('this device');
    expect(new Set(engine.scopes)).toEqual(new Set(['tab-7']));
    expect(engine.chats[0]!.model).toEqual(local);
    expect(engine.chats[0]!.response_format?.type).toBe('grammar');
    expect(engine.chats[0]!.pageContent).toEqual({ site: 'example.org' });
  });

  it('keeps earlier questions as context for a follow-up, and runs SQL the user edited', async () => {
    const engine = host(['SELECT COUNT(*) AS n FROM "countries"', 'Three.', 'SELECT 1 AS n', 'One.']);
    const session = new TableSession(engine.client, page(), async () => ({ model: local, note: null }));
    await session.load();
    await session.ask('How many countries?');
    await session.ask('And capitals?');
    expect(prompt(engine.chats[2]!)).toContain('How many countries?');
    expect(prompt(engine.chats[2]!)).toContain('SELECT COUNT(*) AS n FROM "countries"');
    const edited = await session.run('SELECT country FROM countries ORDER BY population DESC LIMIT 1');
    expect(edited.rows).toEqual([['Germany']]);
  });

  it('asks of the chosen tables only, and says so when there are none', async () => {
    const engine = host(['SELECT "capital" FROM "capitals" LIMIT 1', 'Paris.']);
    const session = new TableSession(engine.client, page(), async () => ({ model: local, note: null }));
    await session.load();
    await session.ask('Any capital?', { only: [1] });
    expect(prompt(engine.chats[0]!)).toContain('"capitals"');
    expect(prompt(engine.chats[0]!)).not.toContain('"countries"');
    expect(await session.ask('Anything?', { only: [5] })).toEqual({
      kind: 'cannot-answer',
      message: 'This page has no tables to ask about.',
    });
  });

  it('sends no table to a cloud provider unless the user agrees', async () => {
    const engine = host(['SELECT 1 AS n', 'One.']);
    const session = new TableSession(engine.client, page(), async () => ({ model: cloud, note: null }));
    await session.load();
    const refused = await session.ask('How many?', { confirm: async () => 'no' });
    expect(refused).toMatchObject({ kind: 'cannot-answer' });
    expect(refused.kind === 'cannot-answer' && refused.message).toContain('api.openai.com');
    expect(engine.chats).toHaveLength(0);

    const asked: string[] = [];
    const agreed = await session.ask('How many?', {
      confirm: async (provider, site) => (asked.push(`${site} → ${provider}`), 'once'),
    });
    expect(asked).toEqual(['example.org → api.openai.com']);
    expect(agreed).toMatchObject({ kind: 'answer', answer: 'One.' });
    expect(engine.chats).toHaveLength(2);
    // Every request of the question declares the tables' site and carries the one-time grant,
    // which the host checks (lib/host/caller-permissions.test.ts).
    expect(engine.chats.map((c) => c.pageContent)).toEqual([
      { site: 'example.org', grant: 'grant for example.org' },
      { site: 'example.org', grant: 'grant for example.org' },
    ]);
  });

  it('highlights a table on the page and ignores a page that went away', async () => {
    const bridge = page();
    const session = new TableSession(host([]).client, bridge, async () => ({ model: local, note: null }));
    session.highlight(1);
    session.highlight(null);
    await new Promise((r) => setTimeout(r, 0));
    expect(bridge.sent).toEqual([
      { method: 'highlight-table', params: { index: 1 } },
      { method: 'highlight-table', params: { index: null } },
    ]);
  });
});

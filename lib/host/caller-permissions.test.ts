import { afterEach, describe, expect, it } from 'vitest';
import {
  ConsentRequiredError,
  ForbiddenError,
  METHODS,
  ModelNotDownloadedError,
  type HostMessage,
  type MethodName,
  type ModelRef,
} from '../protocol';
import { startOpenAiServer, type OpenAiServer } from '../../tests/fixtures/openai-server';
import { ProviderHost } from '../providers/provider-host';
import { PANEL, pageSender, testRouter } from './test-router';
import { requireOnDevice, sqlScopeFor, type TrustedSettings } from './page-policy';
import { ConsentGrants, GRANT_TTL_MS } from './consent-grants';

let server: OpenAiServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const PAGE = 'https://bank.example';
const local: ModelRef = { engine: 'synthetic', id: 'synthetic-20000' };
const say = (model: ModelRef) => ({
  model,
  messages: [{ role: 'user' as const, content: 'hello' }],
  max_tokens: 3,
});

/** Settings as only extension pages can write them: here, a set of allowed site → provider pairs. */
function settings(consents: string[] = [], chosen: ModelRef[] = []): TrustedSettings {
  return {
    chosenModels: async () => chosen,
    consented: async (site, provider) => consents.includes(`${site}→${provider}`),
    pageAccess: async () => ({ access: 'denied', providers: false, model: null }),
  };
}

async function withProvider(consents: (provider: string) => string[]) {
  server = await startOpenAiServer({ apiKey: 'sk-user' });
  const baseUrl = server.baseUrl;
  const provider = new URL(baseUrl).host;
  const providers = new ProviderHost(async (url) => ({
    endpoint: url === baseUrl ? { kind: 'openai', baseUrl, apiKey: 'sk-user' } : null,
    permitted: true,
  }));
  // The provider model the user chose in the panel.
  const remote: ModelRef = { engine: 'remote', id: 'echo', url: baseUrl };
  return { ...testRouter({ providers, settings: settings(consents(provider), [remote]) }), remote };
}

describe('callers and what each may do', () => {
  it('refuses a content script every method but chat and status, before reading its params', async () => {
    const { connect } = testRouter();
    const { port } = connect(pageSender(PAGE));
    const replies: HostMessage[] = [];
    port.onMessage.addListener((m) => replies.push(m));
    const refused = (Object.keys(METHODS) as MethodName[]).filter((m) => m !== 'chat' && m !== 'status');
    expect(refused).toEqual(
      expect.arrayContaining(['models.download', 'models.delete', 'providers.test', 'sql.run']),
    );
    for (const method of refused)
      port.postMessage({ type: 'request', id: method, method, params: { junk: true } } as never);
    await expect.poll(() => replies.filter((r) => r.type === 'error')).toHaveLength(refused.length);
    for (const r of replies.filter((r) => r.type === 'error'))
      expect(r).toMatchObject({
        error: { code: 'forbidden', message: expect.stringMatching(/bank\.example/) },
      });
  });

  it('lets a content script chat with the model the user chose, exactly, and read status', async () => {
    const { connect } = testRouter({ settings: settings([], [local]) });
    const { client } = connect(pageSender(PAGE));
    await expect(client.request('chat', say(local))).resolves.toMatchObject({ model: local });
    await expect(client.request('status', {})).resolves.toMatchObject({ clients: 1 });
    // Not another model (it would throw the user's out of memory), nor the same with a huge context.
    const other: ModelRef = { engine: 'synthetic', id: 'synthetic-999' };
    await expect(client.request('chat', say(other))).rejects.toBeInstanceOf(ForbiddenError);
    const huge: ModelRef = { ...local, contextWindow: 1_048_576 };
    await expect(client.request('chat', say(huge))).rejects.toBeInstanceOf(ForbiddenError);
    const catalogId: ModelRef = { engine: 'webllm', id: 'Llama-3.1-70B-Instruct-q3f16_1-MLC' };
    await expect(client.request('chat', say(catalogId))).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('gives a page no pushed status and a reduced one on request, and caps its requests in flight', async () => {
    const slow: ModelRef = { engine: 'synthetic', id: 'synthetic-2000' };
    const { connect } = testRouter({ settings: settings([], [slow]) });
    const { port, client } = connect(pageSender(PAGE));
    const pushed: HostMessage[] = [];
    port.onMessage.addListener((m) => m.type === 'status' && pushed.push(m));
    connect(PANEL);
    const status = await client.request('status', {});
    expect(status).toMatchObject({ downloads: [], notice: null });
    expect(pushed).toEqual([]);
    // Four at once are served in turn; a fifth is refused without touching the queue.
    const long = { ...say(slow), max_tokens: 100 };
    const first = [1, 2, 3, 4].map(() => client.request('chat', long));
    await expect(client.request('chat', long)).rejects.toThrow(/at most 4 requests/);
    await expect(Promise.all(first)).resolves.toHaveLength(4);
    const loaded = (await client.request('status', {})).loaded;
    expect(loaded).toEqual({ engine: 'synthetic', id: 'synthetic-2000' });
  });

  it('caps a site’s requests in flight over all its Ports, so more frames or tabs get no more turns', async () => {
    const slow: ModelRef = { engine: 'synthetic', id: 'synthetic-2000' };
    const { connect } = testRouter({ settings: settings([], [slow]) });
    const long = { ...say(slow), max_tokens: 30 };
    // Four Ports (frames or tabs) of one site, four requests each: sixteen in flight.
    const ports = [1, 2, 3, 4].map(() => connect(pageSender(PAGE)).client);
    const first = ports.flatMap((client) => [1, 2, 3, 4].map(() => client.request('chat', long)));
    const fifth = connect(pageSender(PAGE)).client;
    await expect(fifth.request('chat', long)).rejects.toMatchObject({
      code: 'rate-limited',
      message: expect.stringMatching(/A site may have at most 16 requests/),
    });
    // Another site is not held back by this one.
    const other = connect(pageSender('https://other.example')).client;
    const elsewhere = other.request('chat', { ...say(slow), max_tokens: 2 });
    await expect(Promise.all([...first, elsewhere])).resolves.toHaveLength(17);
    // Once they are answered, the site may ask again.
    await expect(fifth.request('chat', { ...say(slow), max_tokens: 2 })).resolves.toMatchObject({
      model: slow,
    });
  });

  it('never lets a content script make the host fetch a model URL of its choosing', async () => {
    const chosen: ModelRef = { engine: 'wllama', id: 'mine', url: 'http://127.0.0.1:9/mine.gguf' };
    const planted: ModelRef = { engine: 'wllama', id: 'x', url: 'http://127.0.0.1:9/admin?delete=1' };
    const { connect } = testRouter({ settings: settings([], [chosen]) });
    const page = connect(pageSender(PAGE)).client;
    await expect(page.request('chat', say(planted))).rejects.toBeInstanceOf(ForbiddenError);
    // The model the user chose in the panel is fine (the synthetic engine stands in for llama.cpp here).
    await expect(page.request('chat', say(chosen))).resolves.toMatchObject({ model: chosen });
    // The panel itself may load whatever the user typed.
    await expect(connect(PANEL).client.request('chat', say(planted))).resolves.toMatchObject({
      model: planted,
    });
  });

  it('sends page text to a provider only for a site the user allowed in extension UI', async () => {
    // Allowed for another site only: this page's origin is what counts, not anything it sends.
    const { connect, remote } = await withProvider((provider) => [`other.example→${provider}`]);
    const page = connect(pageSender(PAGE)).client;
    await expect(page.request('chat', say(remote))).rejects.toBeInstanceOf(ConsentRequiredError);
    expect(server!.requests()).toHaveLength(0);
    // The panel asks the user itself before it sends anything; the host serves it.
    await expect(connect(PANEL).client.request('chat', say(remote))).resolves.toMatchObject({
      text: 'hello',
    });
    expect(server!.requests()).toHaveLength(1);
    const allowed = connect(pageSender('https://other.example')).client;
    await expect(allowed.request('chat', say(remote))).resolves.toMatchObject({ text: 'hello' });
    // Even where it is allowed, a page gets the provider model the user chose, not a dearer one.
    await expect(allowed.request('chat', say({ ...remote, id: 'slow' }))).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    expect(server!.requests()).toHaveLength(2);
  });

  it("checks consent for the panel's requests that declare page content, and honours a one-time grant", async () => {
    const { connect, remote } = await withProvider((provider) => [`allowed.example→${provider}`]);
    const panel = connect(PANEL).client;
    const provider = new URL(remote.url!).host;
    const about = (site: string, grant?: string) => ({
      ...say(remote),
      pageContent: { site, ...(grant ? { grant } : {}) },
    });
    // Text of a site the user never allowed: refused by the host, whatever the panel's UI did.
    await expect(panel.request('chat', about('bank.example'))).rejects.toBeInstanceOf(ConsentRequiredError);
    await expect(panel.request('chat', about('bank.example', 'made-up'))).rejects.toBeInstanceOf(
      ConsentRequiredError,
    );
    expect(server!.requests()).toHaveLength(0);
    await expect(panel.request('chat', about('allowed.example'))).resolves.toMatchObject({ text: 'hello' });
    // "Allow once": a grant for exactly this site and provider, usable by this question's requests.
    const { grant } = await panel.request('consent.once', { site: 'bank.example', provider });
    await expect(panel.request('chat', about('bank.example', grant))).resolves.toMatchObject({
      text: 'hello',
    });
    await expect(panel.request('chat', about('other.example', grant))).rejects.toBeInstanceOf(
      ConsentRequiredError,
    );
    // A local model needs no consent: the text stays on this device.
    await expect(panel.request('chat', { ...about('bank.example'), model: local })).resolves.toMatchObject({
      model: local,
    });
    // Only Local AI's own pages can get a grant; a page's content script cannot.
    const page = connect(pageSender(PAGE)).client;
    await expect(page.request('consent.once', { site: 'bank.example', provider })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    // A content script's own grant-looking declaration changes nothing: its site is its origin.
    await expect(page.request('chat', about('allowed.example', grant))).rejects.toBeInstanceOf(
      ConsentRequiredError,
    );
    expect(server!.requests()).toHaveLength(2);
    // Other tabs' text: every tab's site needs the user's consent, and a one-time grant for the
    // page does not stretch to them.
    const withTab = (also: string[], grant?: string) => ({
      ...say(remote),
      pageContent: { site: 'allowed.example', ...(grant ? { grant } : {}), also },
    });
    await expect(panel.request('chat', withTab(['bank.example']))).rejects.toBeInstanceOf(
      ConsentRequiredError,
    );
    const once = await panel.request('consent.once', { site: 'bank.example', provider });
    await expect(panel.request('chat', withTab(['bank.example'], once.grant))).rejects.toBeInstanceOf(
      ConsentRequiredError,
    );
    await expect(panel.request('chat', withTab(['allowed.example']))).resolves.toMatchObject({
      text: 'hello',
    });
    expect(server!.requests()).toHaveLength(3);
  });
});

describe('ConsentGrants', () => {
  it('binds a grant to one site and provider, and forgets it after a few minutes', () => {
    let now = 0;
    let n = 0;
    const grants = new ConsentGrants(
      () => now,
      () => `g${++n}`,
    );
    const id = grants.issue('a.example', 'api.example');
    expect(grants.allows(id, 'a.example', 'api.example')).toBe(true);
    expect(grants.allows(id, 'a.example', 'other.example')).toBe(false);
    expect(grants.allows(undefined, 'a.example', 'api.example')).toBe(false);
    now = GRANT_TTL_MS;
    expect(grants.allows(id, 'a.example', 'api.example')).toBe(false);
    // Many grants never pile up: the oldest go first.
    const ids = Array.from({ length: 100 }, () => grants.issue('a.example', 'api.example'));
    expect(grants.allows(ids[0], 'a.example', 'api.example')).toBe(false);
    expect(grants.allows(ids.at(-1), 'a.example', 'api.example')).toBe(true);
  });
});

describe('sqlScopeFor', () => {
  it('puts a content script in its own tab whatever scope it names; extension pages choose', () => {
    const page = { kind: 'content-script', tabId: 9, frameId: 0, origin: PAGE } as const;
    expect(sqlScopeFor(page, 'tab-2')).toBe('tab-9');
    expect(sqlScopeFor({ kind: 'extension-page', url: 'chrome-extension://x/p.html' }, 'tab-2')).toBe(
      'tab-2',
    );
  });
});

describe('requireOnDevice', () => {
  it('loads nothing from the internet that the user has not downloaded; a GGUF on this machine loads directly', async () => {
    const cachedIds = new Set(['on-disk']);
    const engines = { isCached: async (m: ModelRef) => cachedIds.has(m.id) };
    const hub = 'https://huggingface.co/org/repo/resolve/main/m.gguf';
    const refused: ModelRef[] = [
      { engine: 'webllm', id: 'Llama-3.2-1B-Instruct-q4f32_1-MLC' },
      { engine: 'webllm', id: 'mine', url: 'http://127.0.0.1:9/repo' },
      { engine: 'wllama', id: 'm', url: hub },
    ];
    for (const model of refused)
      await expect(requireOnDevice(model, engines)).rejects.toBeInstanceOf(ModelNotDownloadedError);
    const allowed: ModelRef[] = [
      { engine: 'webllm', id: 'on-disk' },
      { engine: 'wllama', id: 'on-disk', url: hub },
      { engine: 'wllama', id: 'local', url: 'http://127.0.0.1:8080/m.gguf' },
      { engine: 'wllama', id: 'local', url: 'http://localhost:8080/m.gguf' },
      local,
    ];
    for (const model of allowed) await expect(requireOnDevice(model, engines)).resolves.toBeUndefined();
  });
});

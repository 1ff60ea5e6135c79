/**
 * The host's provider policy end to end in the real router: the service worker's facts
 * (providerFacts, reading the providers the user added from storage and the origin's permission
 * from the browser) → ProviderHost → a real local OpenAI-compatible server. The browser's
 * permission store is a named test double (fake-browser does not implement permissions).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  EngineUnavailableError,
  ForbiddenError,
  PAGE_API_PORT,
  type ModelRef,
  type ParamsOf,
} from '../protocol';
import { startOpenAiServer, type OpenAiServer } from '../../tests/fixtures/openai-server';
import { ProviderHost } from '../providers/provider-host';
import { providerFacts } from '../providers/provider-access';
import { providersItem } from '../settings/storage-items';
import { PANEL, pageSender, testRouter } from './test-router';
import type { TrustedSettings } from './page-policy';

let server: OpenAiServer;
/** The origins the user granted, as the browser's permission store would hold them (test double). */
let granted: Set<string>;

beforeEach(async () => {
  fakeBrowser.reset();
  granted = new Set();
  fakeBrowser.permissions.contains = async ({ origins = [] }) => origins.every((o) => granted.has(o));
  server = await startOpenAiServer({ apiKey: 'sk-user' });
});
afterEach(() => server.close());

const PAGE = 'https://news.example';
const remote = (): ModelRef => ({ engine: 'remote', id: 'echo', url: server.baseUrl });
const say = (model: ModelRef) => ({ model, messages: [{ role: 'user' as const, content: 'hello' }] });
const chats = () => server.requests().filter((r) => r.path === '/v1/chat/completions');

/** The user added the test server in Settings (storage only extension contexts can write). */
async function addServer(): Promise<void> {
  const baseUrl = server.baseUrl;
  await providersItem.setValue([
    { id: 'p1', name: 'LAN box', kind: 'openai', baseUrl, apiKey: 'sk-user', models: ['echo'] },
  ]);
}

/** The user allowed every site's text to go to the test server, and chose it: only the provider policy is left. */
const trusting = (): TrustedSettings => ({
  chosenModels: async () => [remote()],
  consented: async () => true,
  pageAccess: async () => ({ access: 'allowed', providers: true, model: remote() }),
});

function setup() {
  const providers = new ProviderHost(providerFacts);
  return testRouter({ providers, settings: trusting() });
}

const grant = () => granted.add(`${server.origin}/*`);

describe("the host's provider policy", () => {
  it('uses a provider the user added whose origin holds the permission', async () => {
    await addServer();
    grant();
    const panel = setup().connect(PANEL).client;
    await expect(panel.request('chat', say(remote()))).resolves.toMatchObject({ text: 'hello' });
    expect(chats()).toHaveLength(1);
    expect(chats()[0]!.auth).toBe('Bearer sk-user');
  });

  it('refuses a provider whose permission was revoked, saying how to grant it again, and sends nothing', async () => {
    await addServer();
    grant();
    const { connect } = setup();
    const panel = connect(PANEL).client;
    await panel.request('chat', say(remote()));
    granted.clear();
    const error = await panel.request('chat', say(remote())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((error as Error).message).toBe(
      `Permission to reach ${server.origin} was revoked, so Local AI does not use that provider. Grant it again in Settings → Providers, or pick another model.`,
    );
    expect(chats()).toHaveLength(1);
    // Granted again: used again, with nothing to set up anew.
    grant();
    await expect(panel.request('chat', say(remote()))).resolves.toMatchObject({ text: 'hello' });
  });

  it('refuses a provider the user never added, even with the permission and consent', async () => {
    grant();
    const panel = setup().connect(PANEL).client;
    await expect(panel.request('chat', say(remote()))).rejects.toBeInstanceOf(EngineUnavailableError);
    // Another path on a granted origin is not the provider the user added either.
    await addServer();
    const other: ModelRef = { ...remote(), url: `${server.origin}/admin/v1` };
    await expect(panel.request('chat', say(other))).rejects.toThrow(/not set up/);
    expect(server.requests()).toEqual([]);
  });

  it('tests a new server only once its origin is granted', async () => {
    const panel = setup().connect(PANEL).client;
    const params: ParamsOf<'providers.test'> = { kind: 'openai', baseUrl: server.baseUrl, apiKey: 'sk-user' };
    await expect(panel.request('providers.test', params)).rejects.toThrow(
      `Local AI may not reach ${server.origin} yet: add the server in Settings → Providers and allow access when the browser asks.`,
    );
    expect(server.requests()).toEqual([]);
    grant();
    await expect(panel.request('providers.test', params)).resolves.toMatchObject({
      models: expect.arrayContaining(['echo']),
    });
  });

  it('never lets a content script or a web page add a server or reach one the user did not add', async () => {
    grant();
    const { connect } = setup();
    const content = connect(pageSender(PAGE)).client;
    const params = { kind: 'openai' as const, baseUrl: server.baseUrl, apiKey: 'sk-user' };
    await expect(content.request('providers.test', params)).rejects.toBeInstanceOf(ForbiddenError);
    // Consent and the permission are there; the user never added the server: nothing is fetched.
    await expect(content.request('chat', say(remote()))).rejects.toBeInstanceOf(EngineUnavailableError);
    const web = connect(pageSender(PAGE), PAGE_API_PORT).client;
    await expect(web.request('providers.test', params)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(web.request('chat', say(remote()))).rejects.toBeInstanceOf(ForbiddenError);
    expect(server.requests()).toEqual([]);
    // Added and granted, but revoked later: a content script is refused like the panel.
    await addServer();
    await expect(content.request('chat', say(remote()))).resolves.toMatchObject({ text: 'hello' });
    granted.clear();
    await expect(content.request('chat', say(remote()))).rejects.toBeInstanceOf(ForbiddenError);
    expect(chats()).toHaveLength(1);
  });
});

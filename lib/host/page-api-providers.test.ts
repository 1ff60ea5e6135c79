/**
 * What a site's page-API sessions may use stays the user's to decide: sessions on a provider stop
 * the moment the user turns "providers may answer for this site" off, and Chrome's built-in model
 * is never downloaded for a site. The provider and LanguageModel here are test doubles; the
 * router and handlers are the real ones.
 */
import { expect, it } from 'vitest';
import { PAGE_API_PORT, type ModelRef } from '../protocol';
import type { ProviderHost } from '../providers/provider-host';
import { BUILTIN_MODEL, BuiltinEngine } from '../engine/builtin-engine';
import { languageModelDouble } from '../engine/test-doubles/language-model-double';
import type { TrustedSettings } from './page-policy';
import { pageSender, testRouter } from './test-router';

const SITE = 'https://a.example';
const remote: ModelRef = { engine: 'remote', id: 'gpt', url: 'https://api.provider.example/v1' };

it('open sessions stop using the provider when the user turns providers off for the site', async () => {
  let providersForSite = true;
  const sent: string[] = [];
  const settings: TrustedSettings = {
    chosenModels: async () => [],
    consented: async () => false,
    pageAccess: async () => ({ access: 'allowed', providers: providersForSite, model: remote }),
  };
  const providers = {
    chat: async (
      _model: ModelRef,
      request: { messages: { content: string }[] },
      options: { onDelta: (delta: string, tokens?: number) => void },
    ) => {
      sent.push(request.messages.at(-1)!.content);
      options.onDelta('ok', 1);
      return { text: 'ok', finishReason: 'stop', promptTokens: 1, completionTokens: 1 };
    },
  } as unknown as ProviderHost;
  const { connect } = testRouter({ settings, providers });
  const { client } = connect(pageSender(SITE), PAGE_API_PORT);
  const { sessionId } = await client.request('page.create', {});
  const { sessionId: clone } = await client.request('page.clone', { sessionId });
  await client.request('page.prompt', { sessionId, input: [{ role: 'user', content: 'one' }] });

  providersForSite = false; // the user turns the switch off in Settings
  const refused = { code: 'consent-required' };
  await expect(client.request('page.create', {})).rejects.toMatchObject(refused);
  const two = [{ role: 'user' as const, content: 'two' }];
  await expect(client.request('page.prompt', { sessionId, input: two })).rejects.toMatchObject(refused);
  await expect(client.request('page.prompt', { sessionId: clone, input: two })).rejects.toMatchObject(
    refused,
  );
  await expect(client.request('page.append', { sessionId, input: two })).rejects.toMatchObject(refused);
  await expect(client.request('page.clone', { sessionId })).rejects.toMatchObject(refused);
  expect(sent).toEqual(['one']);
  // The page can still close what it opened.
  expect(await client.request('page.destroy', { sessionId })).toEqual({ ok: true });
});

it('a site cannot make Chrome download its built-in model: create() is refused until it is on the device', async () => {
  const settings: TrustedSettings = {
    chosenModels: async () => [],
    consented: async () => false,
    pageAccess: async () => ({ access: 'allowed', providers: false, model: BUILTIN_MODEL }),
  };
  const api = languageModelDouble('downloadable');
  const { connect, router } = testRouter({ settings, builtin: new BuiltinEngine(() => api) });
  const { client } = connect(pageSender(SITE), PAGE_API_PORT);
  await expect(client.request('page.create', {})).rejects.toMatchObject({ code: 'model-not-downloaded' });
  // Nothing was started: Chrome's model is still only downloadable.
  expect(router.status().builtin).toEqual({ availability: 'downloadable', progress: null });
});

// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storage } from 'wxt/utils/storage';
import { renderHook, settle } from '@/tests/fixtures/render-hook';
import type { EngineClient, ModelRef } from '../protocol';
import type { Fallback, Provider, ProviderDraft } from '../settings/types';
import type { OriginPermissions } from '../providers/origin-permissions';
import {
  connectedText,
  keptText,
  providerFromDraft,
  refusedText,
  stillRevokedText,
  useProvidersController,
  type ProvidersControllerDeps,
} from './providers-controller';

const draft: ProviderDraft = {
  name: ' ',
  kind: 'openai',
  baseUrl: ' http://127.0.0.1:8080/v1 ',
  apiKey: ' sk-1 ',
};

describe('providerFromDraft', () => {
  it('trims what was typed, names the provider after its host when unnamed, drops an empty key', () => {
    expect(providerFromDraft(draft, ['m'], 'id1')).toEqual({
      id: 'id1',
      name: '127.0.0.1:8080',
      kind: 'openai',
      baseUrl: 'http://127.0.0.1:8080/v1',
      apiKey: 'sk-1',
      models: ['m'],
    });
    expect(providerFromDraft({ ...draft, name: 'Box', apiKey: '' }, [], 'id2')).toMatchObject({
      name: 'Box',
      apiKey: undefined,
    });
    expect([connectedText(['a']), connectedText(['a', 'b'])]).toEqual([
      'Connected: 1 model.',
      'Connected: 2 models.',
    ]);
  });
});

/** A test double for the engine host's provider check: one key is accepted. */
const fakeHost = {
  request(_method: 'providers.test', params: { apiKey?: string }) {
    if (params.apiKey !== 'sk-1') return Promise.reject(new Error('The server refused the API key.'));
    return Promise.resolve({ models: ['llama3', 'qwen'] });
  },
} as unknown as EngineClient;

/**
 * A test double of the browser's host permissions: `answer` is what the user says at the prompt;
 * `revoke` stands for the user taking a permission back in the browser's own settings.
 */
function fakePermissions(answer = true) {
  const granted = new Set<string>();
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((l) => l());
  const asked: string[] = [];
  let keepOnRemove = false;
  const permissions: OriginPermissions = {
    request: async (origin) => {
      asked.push(origin);
      if (answer && !granted.has(origin)) {
        granted.add(origin);
        changed();
      }
      return answer || granted.has(origin);
    },
    contains: async (origin) => granted.has(origin),
    remove: async (origin) => {
      // Chrome keeps an origin where the extension's content scripts run ("required").
      if (keepOnRemove) return false;
      if (granted.delete(origin)) changed();
      return true;
    },
    onChange: (l) => (listeners.add(l), () => listeners.delete(l)),
  };
  const revoke = (origin: string) => void (granted.delete(origin) && changed());
  return {
    permissions,
    granted,
    asked,
    revoke,
    setAnswer: (a: boolean) => (answer = a),
    keepOnRemove: () => (keepOnRemove = true),
  };
}

function deps(permissions = fakePermissions().permissions): ProvidersControllerDeps {
  return {
    permissions,
    client: fakeHost,
    providers: storage.defineItem<Provider[]>('local:providers', { fallback: [] }),
    fallback: storage.defineItem<Fallback>('local:fallback', {
      fallback: { model: null, whenNoWebGpu: true, whenDownloading: true, whenTooLong: false },
    }),
    activeModel: storage.defineItem<ModelRef | null>('local:activeModel', { fallback: null }),
  };
}

beforeEach(() => fakeBrowser.reset());

describe('useProvidersController', () => {
  it('saves a provider only after its connection test passed, with the models the test found', async () => {
    const d = deps();
    const { result } = renderHook(useProvidersController, d);
    expect(result.current.save(draft)).toBe(false);

    result.current.testConnection({ ...draft, apiKey: 'wrong' });
    await settle();
    expect(result.current.test).toMatchObject({
      ok: false,
      text: 'The server refused the API key.',
      models: [],
    });
    expect(result.current.save(draft)).toBe(false);

    result.current.testConnection(draft);
    await settle();
    expect(result.current.test?.text).toBe('Connected: 2 models.');
    expect(result.current.save(draft)).toBe(true);
    await settle();
    expect(result.current.test).toBeNull();
    const [saved] = await d.providers.getValue();
    expect(saved).toMatchObject({ baseUrl: 'http://127.0.0.1:8080/v1', models: ['llama3', 'qwen'] });
    expect(result.current.list).toEqual([saved]);

    result.current.remove(saved!.id);
    await settle();
    expect(await d.providers.getValue()).toEqual([]);
  });

  it('holds no fallback until the stored one is read, so a click cannot overwrite it', async () => {
    const d = deps();
    const stored: Fallback = { model: null, whenNoWebGpu: false, whenDownloading: false, whenTooLong: true };
    await d.fallback.setValue(stored);
    const { result } = renderHook(useProvidersController, d);
    expect(result.current.fallback).toBeNull();
    await settle();
    expect(result.current.fallback).toEqual(stored);
  });

  it('asks for the origin from the click; refused, it says so and tests and saves nothing', async () => {
    const perms = fakePermissions(false);
    const { result } = renderHook(useProvidersController, deps(perms.permissions));
    const lan = { ...draft, baseUrl: 'http://192.168.1.20:11434/v1' };
    result.current.testConnection(lan);
    // Asked synchronously, inside the click, before anything else.
    expect(perms.asked).toEqual(['http://192.168.1.20:11434']);
    await settle();
    expect(result.current.test).toMatchObject({ ok: false, text: refusedText('http://192.168.1.20:11434') });
    expect(result.current.save(lan)).toBe(false);
    result.current.testConnection({ ...draft, baseUrl: 'ftp://x.example/v1' });
    await settle();
    expect(result.current.test?.text).toMatch(/must start with http:\/\/ or https:\/\//);
    expect(perms.asked).toHaveLength(1);
  });

  it('gives the permission back when the connection test fails: nothing stays half-added', async () => {
    const perms = fakePermissions();
    const { result } = renderHook(useProvidersController, deps(perms.permissions));
    result.current.testConnection({ ...draft, apiKey: 'wrong' });
    await settle();
    expect(result.current.test?.ok).toBe(false);
    expect([...perms.granted]).toEqual([]);
    // A tested URL is the only one that can be saved.
    result.current.testConnection(draft);
    await settle();
    expect(result.current.save({ ...draft, baseUrl: 'http://127.0.0.1:9999/v1' })).toBe(false);
    expect(result.current.save(draft)).toBe(true);
  });

  it('follows a permission revoked elsewhere, grants it again, and gives it back on Remove', async () => {
    const perms = fakePermissions();
    const d = deps(perms.permissions);
    const { result } = renderHook(useProvidersController, d);
    const origin = 'http://127.0.0.1:8080';
    result.current.testConnection(draft);
    await settle();
    result.current.save(draft);
    await settle();
    const id = result.current.list[0]!.id;
    expect(result.current.access).toEqual({ [id]: 'granted' });

    perms.revoke(origin);
    await settle();
    expect(result.current.access).toEqual({ [id]: 'revoked' });
    perms.setAnswer(false);
    result.current.grant(id);
    await settle();
    expect(result.current.notice).toBe(stillRevokedText(origin));
    perms.setAnswer(true);
    result.current.grant(id);
    await settle();
    expect(result.current.access).toEqual({ [id]: 'granted' });
    expect(result.current.notice).toBeNull();

    // Two providers on one origin: removing one keeps the permission the other needs.
    await d.providers.setValue([...result.current.list, { ...result.current.list[0]!, id: 'twin' }]);
    await settle();
    result.current.remove(id);
    await settle();
    expect(perms.granted.has(origin)).toBe(true);
    result.current.remove('twin');
    await settle();
    expect(perms.granted.has(origin)).toBe(false);
    expect(await d.providers.getValue()).toEqual([]);
    expect(result.current.notice).toBeNull();
  });

  it('says where to take the access back when the browser keeps it after Remove', async () => {
    const perms = fakePermissions();
    const d = deps(perms.permissions);
    const { result } = renderHook(useProvidersController, d);
    result.current.testConnection(draft);
    await settle();
    result.current.save(draft);
    await settle();
    perms.keepOnRemove();
    result.current.remove(result.current.list[0]!.id);
    await settle();
    expect(await d.providers.getValue()).toEqual([]);
    expect(result.current.notice).toBe(keptText('http://127.0.0.1:8080'));
  });
});

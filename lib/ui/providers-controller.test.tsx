// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storage } from 'wxt/utils/storage';
import { renderHook, settle } from '@/tests/fixtures/render-hook';
import type { EngineClient, ModelRef } from '../protocol';
import type { Fallback, Provider, ProviderDraft } from '../settings/types';
import {
  connectedText,
  providerFromDraft,
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

function deps(): ProvidersControllerDeps {
  return {
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
    expect(result.current.test).toEqual({ ok: false, text: 'The server refused the API key.', models: [] });
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
});

import { describe, expect, it } from 'vitest';
import {
  ConsentRequiredError,
  type BuiltinAvailability,
  type Caller,
  type ChatParams,
  type DownloadProgress,
  type ModelRef,
} from '../protocol';
import { BUILTIN_MODEL } from '../engine/builtin-engine';
import { standInsFor, type StandInDeps } from './stand-in';

const chosen: ModelRef = { engine: 'wllama', id: 'Llama-big', url: 'https://example.com/big.gguf' };
const small: ModelRef = { engine: 'wllama', id: 'tiny', url: 'https://example.com/tiny.gguf' };
const other: ModelRef = { engine: 'wllama', id: 'other', url: 'https://example.com/other.gguf' };
const provider: ModelRef = { engine: 'remote', id: 'gpt', url: 'http://127.0.0.1:1234/v1' };
const panel: Caller = { kind: 'extension-page', url: 'chrome-extension://x/sidepanel.html' };
const page: Caller = { kind: 'web-page', tabId: 1, frameId: 0, origin: 'https://a.example' };

const progress = (model: ModelRef, state: DownloadProgress['state']): DownloadProgress => ({
  key: model.id,
  model,
  state,
  receivedBytes: 1,
  totalBytes: 10,
  bytesPerSecond: 1,
  secondsLeft: 9,
  filesDone: 0,
  files: 1,
  error: null,
});

function deps(over: Partial<StandInDeps> & { availability?: BuiltinAvailability } = {}): StandInDeps {
  return {
    downloads: () => [progress(chosen, 'downloading')],
    builtin: { refresh: async () => ({ availability: over.availability ?? 'available', progress: null }) },
    provider: async () => provider,
    check: async () => {},
    onDisk: async () => [other, small],
    loaded: () => null,
    ...over,
  };
}

const ask = (extra: Partial<ChatParams> = {}): ChatParams => ({
  model: chosen,
  messages: [{ role: 'user', content: 'hi' }],
  ...extra,
});

describe('standInsFor: who answers while the chosen model downloads', () => {
  it('Chrome’s built-in model, then the allowed provider, then a model on disk (the loaded one first)', async () => {
    expect(await standInsFor(panel, ask(), deps())).toEqual([BUILTIN_MODEL, provider, other]);
    expect(await standInsFor(panel, ask(), deps({ loaded: () => small }))).toEqual([
      BUILTIN_MODEL,
      provider,
      small,
    ]);
  });

  it('skips Chrome’s model unless Chrome says available (downloadable and downloading do not count)', async () => {
    for (const availability of ['unavailable', 'downloadable', 'downloading'] as const)
      expect(await standInsFor(panel, ask(), deps({ availability }))).toEqual([provider, other]);
  });

  it('never sends to a provider the consent rules refuse for this request', async () => {
    const refuse = async () => {
      throw new ConsentRequiredError('not allowed');
    };
    const withPage = ask({ pageContent: { site: 'a.example' } });
    expect(await standInsFor(panel, withPage, deps({ check: refuse }))).toEqual([BUILTIN_MODEL, other]);
    // The check is asked with the provider as the model and the request's page declaration.
    const asked: ChatParams[] = [];
    await standInsFor(panel, withPage, deps({ check: async (_c, p) => void asked.push(p) }));
    expect(asked).toEqual([{ ...withPage, model: provider }]);
  });

  it('gives a web page on-device stand-ins only', async () => {
    expect(await standInsFor(page, ask(), deps())).toEqual([BUILTIN_MODEL, other]);
  });

  it('needs none when the model is not downloading (ready, failed, or never started), or is not local', async () => {
    for (const state of ['ready', 'failed', 'cancelled'] as const)
      expect(await standInsFor(panel, ask(), deps({ downloads: () => [progress(chosen, state)] }))).toEqual(
        [],
      );
    expect(
      await standInsFor(panel, ask(), deps({ downloads: () => [progress(small, 'downloading')] })),
    ).toEqual([]);
    expect(await standInsFor(panel, ask({ model: provider }), deps())).toEqual([]);
    expect(
      await standInsFor(panel, ask(), deps({ downloads: () => [progress(chosen, 'paused')] })),
    ).toHaveLength(3);
  });

  it('is empty when nothing here can answer (the offer card stays the answer)', async () => {
    expect(
      await standInsFor(
        panel,
        ask(),
        deps({ availability: 'unavailable', provider: async () => null, onDisk: async () => [chosen] }),
      ),
    ).toEqual([]);
  });

  it('sends a grammar request to local models only', async () => {
    const grammar = ask({ response_format: { type: 'grammar', grammar: 'root ::= "a"' } });
    expect(await standInsFor(panel, grammar, deps())).toEqual([other]);
  });
});

import { describe, expect, it } from 'vitest';
import { appendChunk, type ChatParams, type DownloadProgress, type ModelRef } from '../protocol';
import type { ModelHost } from '../models/model-host';
import { BUILTIN_MODEL, BuiltinEngine } from '../engine/builtin-engine';
import {
  DOUBLE_ANSWER,
  languageModelDouble,
  type DoubleMode,
} from '../engine/test-doubles/language-model-double';
import { testRouter } from './test-router';

// The synthetic engine (a test double) stands behind every local ref here; loopback URLs load directly.
const chosen: ModelRef = { engine: 'wllama', id: 'synthetic-20000', url: 'http://127.0.0.1:9/big.gguf' };
const onDisk: ModelRef = { engine: 'wllama', id: 'synthetic-10000', url: 'http://127.0.0.1:9/small.gguf' };

function setup(mode: DoubleMode | null, downloading = true) {
  const state = { downloading };
  const models = {
    downloads: (): DownloadProgress[] =>
      state.downloading
        ? [
            {
              key: 'k',
              model: chosen,
              state: 'downloading',
              receivedBytes: 1,
              totalBytes: 100,
              bytesPerSecond: 1,
              secondsLeft: 99,
              filesDone: 0,
              files: 1,
              error: null,
            },
          ]
        : [],
    storageReport: async () => ({
      models: [{ model: onDisk }],
      usedBytes: null,
      quotaBytes: null,
      persisted: false,
    }),
    touch: () => {},
  } as unknown as ModelHost;
  const api = mode ? languageModelDouble(mode) : undefined;
  const { router, connect } = testRouter({ models, builtin: new BuiltinEngine(() => api) });
  return { router, client: connect().client, state };
}

const ask: ChatParams = { model: chosen, messages: [{ role: 'user', content: 'hello' }], max_tokens: 5 };

async function chat(client: ReturnType<typeof setup>['client']) {
  let streamed = '';
  const result = await client.request('chat', ask, { onChunk: (c) => (streamed = appendChunk(streamed, c)) });
  return { result, streamed };
}

describe('the engine host while the chosen model downloads', () => {
  it('lets Chrome’s built-in model answer, says so in the result, and shows its availability', async () => {
    const { client, router } = setup('available');
    const { result, streamed } = await chat(client);
    expect(result.model).toEqual(BUILTIN_MODEL);
    expect(result.standInFor).toEqual(chosen);
    expect(result.text).toBe(
      DOUBLE_ANSWER.split(/(?<= )/)
        .slice(0, 5)
        .join(''),
    );
    expect(streamed).toBe(result.text);
    expect(router.status().builtin).toEqual({ availability: 'available', progress: null });
  });

  it('falls back to a model on disk when Chrome’s model fails mid-answer; the asker drops the broken start', async () => {
    const { client } = setup('failing');
    const { result, streamed } = await chat(client);
    expect(result.model).toEqual(onDisk);
    expect(result.standInFor).toEqual(chosen);
    expect(streamed).toBe(result.text);
    expect(streamed).not.toContain('built-in');
  });

  it('uses the model on disk without Chrome’s model; the chosen one answers once its download is done', async () => {
    const { client, state } = setup(null);
    expect((await chat(client)).result.model).toEqual(onDisk);
    state.downloading = false;
    const { result } = await chat(client);
    expect(result.model).toEqual(chosen);
    expect(result.standInFor).toBeUndefined();
  });
});

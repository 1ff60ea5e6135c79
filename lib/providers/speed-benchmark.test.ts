import { describe, expect, it } from 'vitest';
import { ENGINE_PORT, EngineClient, ModelLoadError, type ModelRef } from '../protocol';
import { EngineRuntime } from '../engine/engine-runtime';
import { SyntheticEngine } from '../engine/synthetic-engine';
import type { Engine } from '../engine/engine';
import { memoryPortPair } from '../host/memory-port';
import { EngineRouter } from '../host/router';
import { compareSpeed, speedCsv, whereItRuns, type SpeedRow } from './speed-benchmark';

const EXT = 'ext-id';
const fast: ModelRef = { engine: 'synthetic', id: 'synthetic-400' };
const slow: ModelRef = { engine: 'synthetic', id: 'synthetic-50' };
/** Routed to an engine whose load always fails, as a model whose weights cannot be fetched. */
const broken: ModelRef = {
  engine: 'wllama',
  id: 'missing.gguf',
  url: 'https://huggingface.co/x/missing.gguf',
};

/** The real client, router and runtime over in-memory Ports, the synthetic engine (a test double) behind. */
function connect(): EngineClient {
  const runtime = new EngineRuntime((id): Engine => {
    const engine = new SyntheticEngine();
    if (id === 'wllama')
      engine.load = () => Promise.reject(new ModelLoadError('The model file was not found.'));
    return engine;
  });
  const router = new EngineRouter({
    engines: runtime,
    extensionId: EXT,
    capabilities: () => Promise.reject(new Error('not needed here')),
  });
  const { client, host } = memoryPortPair(ENGINE_PORT, {
    id: EXT,
    url: `chrome-extension://${EXT}/sidepanel.html`,
  });
  router.connect(host);
  return new EngineClient({ ensureHost: async () => {}, connect: () => client });
}

describe('compareSpeed', () => {
  it('reports one row per model with medians over every prompt and repeat', async () => {
    const seen: SpeedRow[] = [];
    const rows = await compareSpeed(connect(), [fast, slow], {
      prompts: ['one', 'two'],
      repeat: 2,
      maxTokens: 10,
      onRow: (row) => seen.push(row),
    });
    expect(rows.map((r) => r.model)).toEqual([fast, slow]);
    expect(seen).toEqual(rows);
    for (const row of rows) {
      expect(row).toMatchObject({ runs: 4, where: 'this device (synthetic)' });
      expect(row.error).toBeUndefined();
      expect(row.ttftMs).toBeGreaterThan(0);
      expect(row.tokensPerSecond).toBeGreaterThan(0);
    }
    // Eight times the rate, tokens far enough apart (2.5 ms) not to merge into one chunk: the order survives any load on the machine.
    expect(rows[0]!.tokensPerSecond).toBeGreaterThan(rows[1]!.tokensPerSecond);
  });

  it('gives a model that fails an error row with zeros and goes on to the next', async () => {
    const rows = await compareSpeed(connect(), [broken, fast], { prompts: ['one'], repeat: 1, maxTokens: 8 });
    expect(rows[0]).toMatchObject({
      model: broken,
      runs: 0,
      ttftMs: 0,
      tokensPerSecond: 0,
      // A model from the internet that is not downloaded is never fetched for a comparison.
      error: expect.stringContaining('is not on this device yet') as unknown,
    });
    expect(rows[1]).toMatchObject({ model: fast, runs: 1 });
    expect(rows[1]!.error).toBeUndefined();
  });
});

describe('speedCsv and whereItRuns', () => {
  it('writes one CSV line per row, quoting errors that hold commas or quotes', () => {
    const csv = speedCsv([
      { model: fast, where: whereItRuns(fast), runs: 4, ttftMs: 12.34, tokensPerSecond: 99.96 },
      {
        model: broken,
        where: whereItRuns(broken),
        runs: 0,
        ttftMs: 0,
        tokensPerSecond: 0,
        error: 'no "file", sorry',
      },
    ]);
    expect(csv.split('\n')).toEqual([
      'model,engine,where,runs,median_ttft_ms,median_tokens_per_second,error',
      'synthetic-400,synthetic,this device (synthetic),4,12.3,100.0,',
      `missing.gguf,wllama,this device (llama.cpp),0,0.0,0.0,"no ""file"", sorry"`,
      '',
    ]);
  });

  it('names where a model runs: this device, this machine or the cloud', () => {
    expect(whereItRuns({ engine: 'remote', id: 'm', url: 'http://127.0.0.1:8080/v1' })).toBe(
      'this machine (127.0.0.1:8080)',
    );
    expect(whereItRuns({ engine: 'remote', id: 'm', url: 'https://api.openai.com/v1' })).toBe(
      'cloud (api.openai.com)',
    );
  });
});

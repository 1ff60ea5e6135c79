/**
 * Streaming through the extension vs the same engine in a plain page, pairwise in one run, and
 * the latency the extension adds to each token: stamped when the engine Worker emits it, again
 * when the client receives it, on the clock every browser context shares.
 */
import { median } from '../../lib/measure/median';
import type { Page } from '@playwright/test';
import type { ModelRef } from '../../lib/protocol';
import { streamThroughExtension, type ClientTiming } from '../ext-client';
import { summarize, type Measure } from '../stats';

const messages = [{ role: 'user' as const, content: 'Say hello to the world and tell me about this page.' }];
const tps = (t: Pick<ClientTiming, 'tokens' | 'decodeMs'>) => ((t.tokens - 1) * 1000) / t.decodeMs;
type PlainTiming = Pick<ClientTiming, 'tokens' | 'ttftMs' | 'decodeMs'>;

async function pairs(panel: Page, plain: Page, model: ModelRef, tokens: number, reps: number) {
  const params = { model, messages, max_tokens: tokens, temperature: 0, seed: 1 };
  const run = {
    // Each side runs in the foreground tab, as a user's active page would.
    plain: async (): Promise<PlainTiming> => {
      await plain.bringToFront();
      return plain.evaluate(([m, msgs, n]) => window.runPlain(m, msgs, n), [
        model,
        messages,
        tokens,
      ] as const);
    },
    ext: async () => {
      await panel.bringToFront();
      return streamThroughExtension(panel, params);
    },
  };
  // Warm up both sides: load the model, let the WebAssembly JIT tier up, fill caches.
  for (let i = 0; i < 3; i++) {
    await run.plain();
    await run.ext();
  }
  const out: { plain: PlainTiming; ext: ClientTiming }[] = [];
  for (let i = 0; i < reps; i++) {
    // Alternate which side goes first so drift on a shared machine hits both alike.
    if (i % 2) out.push({ ext: await run.ext(), plain: await run.plain() });
    else out.push({ plain: await run.plain(), ext: await run.ext() });
  }
  if (process.env.BENCH_VERBOSE)
    for (const r of out) console.log(model.id, tps(r.plain).toFixed(0), tps(r.ext).toFixed(0));
  return out;
}

/** Streams at a real model's pace (the synthetic engine at `rate` tokens/s) through the extension. */
async function paced(panel: Page, rate: number, tokens: number, reps: number): Promise<number[]> {
  const model = { engine: 'synthetic' as const, id: `synthetic-${rate}` };
  const params = { model, messages, max_tokens: tokens };
  await panel.bringToFront();
  await streamThroughExtension(panel, params);
  const added: number[] = [];
  for (let i = 0; i < reps; i++) added.push(...(await streamThroughExtension(panel, params)).addedMs);
  return added;
}

const p90 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.9)] ?? NaN;

export async function measureStreaming(
  panel: Page,
  plain: Page,
  tiny: ModelRef,
  config: { reps: number; llamaTokens: number; pacedTokens: number },
): Promise<Measure[]> {
  const llama = await pairs(panel, plain, tiny, config.llamaTokens, config.reps);
  const added = llama.flatMap((r) => r.ext.addedMs);
  const pacedAdded = await paced(panel, 50, config.pacedTokens, config.reps);
  const side = (key: 'plain' | 'ext') => median(llama.map((r) => tps(r[key]))).toFixed(0);
  return [
    summarize(
      'stream_tps_ratio_llamacpp',
      'tokens/s through the extension ÷ same engine in a plain page (llama.cpp, tiny model)',
      llama.map((r) => tps(r.ext) / tps(r.plain)),
      'ratio',
      '≥ 0.97',
      `extension ${side('ext')} tok/s, plain page ${side('plain')} tok/s`,
    ),
    summarize(
      'ttft_extra_ms',
      'extra time to first token through the extension (llama.cpp, warm)',
      llama.map((r) => r.ext.ttftMs - r.plain.ttftMs),
      'ms',
      '≤ 10',
      `extension ${median(llama.map((r) => r.ext.ttftMs)).toFixed(1)} ms, plain page ${median(llama.map((r) => r.plain.ttftMs)).toFixed(1)} ms`,
    ),
    summarize(
      'added_latency_per_token_ms',
      'per token: arrival in the client − emission in the engine Worker (llama.cpp, tiny model at full speed; n = tokens)',
      added,
      'ms',
      '≤ 1.0',
      `p90 ${p90(added).toFixed(2)} ms over ${llama.length} answers; tokens ${(1000 / Number(side('ext'))).toFixed(2)} ms apart are merged into 4 ms chunks`,
    ),
    summarize(
      'added_latency_per_token_50tps_ms',
      'the same at a real model’s pace: the synthetic engine at 50 tokens/s (n = tokens)',
      pacedAdded,
      'ms',
      '≤ 1.0',
      `p90 ${p90(pacedAdded).toFixed(2)} ms`,
    ),
  ];
}

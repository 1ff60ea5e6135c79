/** Streaming through the extension vs the same engine in a plain page, pairwise in one run. */
import { median } from '../../lib/measure/median';
import type { Page } from '@playwright/test';
import type { ModelRef } from '../../lib/protocol';
import { streamThroughExtension, type ClientTiming } from '../ext-client';
import { summarize, type Measure } from '../stats';

const messages = [{ role: 'user' as const, content: 'Say hello to the world and tell me about this page.' }];
const tps = (t: ClientTiming) => ((t.tokens - 1) * 1000) / t.decodeMs;

async function pairs(panel: Page, plain: Page, model: ModelRef, tokens: number, reps: number) {
  const params = { model, messages, max_tokens: tokens, temperature: 0, seed: 1 };
  const run = {
    // Each side runs in the foreground tab, as a user's active page would.
    plain: async () => {
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
  const out: { plain: ClientTiming; ext: ClientTiming }[] = [];
  for (let i = 0; i < reps; i++) {
    // Alternate which side goes first so drift on a shared machine hits both alike.
    if (i % 2) out.push({ ext: await run.ext(), plain: await run.plain() });
    else out.push({ plain: await run.plain(), ext: await run.ext() });
  }
  if (process.env.BENCH_VERBOSE)
    for (const r of out) console.log(model.id, tps(r.plain).toFixed(0), tps(r.ext).toFixed(0));
  return out;
}

export async function measureStreaming(
  panel: Page,
  plain: Page,
  tiny: ModelRef,
  config: { reps: number; llamaTokens: number; syntheticTokens: number },
): Promise<Measure[]> {
  const llama = await pairs(panel, plain, tiny, config.llamaTokens, config.reps);
  const synth = await pairs(
    panel,
    plain,
    { engine: 'synthetic', id: 'synthetic-2000' },
    config.syntheticTokens,
    config.reps,
  );
  const side = (rows: typeof llama, key: 'plain' | 'ext') => median(rows.map((r) => tps(r[key]))).toFixed(0);
  return [
    summarize(
      'stream_tps_ratio_llamacpp',
      'tokens/s through the extension ÷ same engine in a plain page (llama.cpp, tiny model)',
      llama.map((r) => tps(r.ext) / tps(r.plain)),
      'ratio',
      '≥ 0.97',
      `extension ${side(llama, 'ext')} tok/s, plain page ${side(llama, 'plain')} tok/s`,
    ),
    summarize(
      'stream_tps_ratio_synthetic',
      'tokens/s through the extension ÷ plain page (synthetic engine at 2,000 tok/s)',
      synth.map((r) => tps(r.ext) / tps(r.plain)),
      'ratio',
      '≥ 0.95',
      `extension ${side(synth, 'ext')} tok/s, plain page ${side(synth, 'plain')} tok/s`,
    ),
    summarize(
      'ttft_extra_ms',
      'extra time to first token through the extension (llama.cpp, warm)',
      llama.map((r) => r.ext.ttftMs - r.plain.ttftMs),
      'ms',
      '≤ 10',
      `extension ${median(llama.map((r) => r.ext.ttftMs)).toFixed(1)} ms, plain page ${median(llama.map((r) => r.plain.ttftMs)).toFixed(1)} ms`,
    ),
  ];
}

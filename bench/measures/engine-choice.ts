/**
 * The engine choice, measured: the calibration's own duration, llama.cpp's prefill with every
 * core against one thread (in an isolated plain page, where the thread count can be set), and
 * the speed of the engine kind the calibration picks against the best one measured here with the
 * same model (llama.cpp on the CPU and on the WebGPU adapter, through the extension).
 */
import type { Page } from '@playwright/test';
import { median } from '../../lib/measure/median';
import type { ChatMessage, EngineKind, ModelRef } from '../../lib/protocol';
import { hostRequest } from '../../tests/e2e/fixtures';
import { streamThroughExtension, timedHostCall } from '../ext-client';
import { summarize, type Measure } from '../stats';

/** A prompt of about `words` words, different from the first token on for each `run`, so no cache helps. */
function prefillPrompt(run: number, words: number): ChatMessage[] {
  const text = Array.from({ length: words }, (_, i) => `word${(i * 7 + run) % 50}`).join(' ');
  return [
    { role: 'system', content: `Run ${run}.` },
    { role: 'user', content: text },
  ];
}

export async function measureThreads(
  plain: Page,
  model: ModelRef,
  config: { reps: number; prefillWords: number; warmups: number },
): Promise<Measure> {
  await plain.bringToFront();
  const cores = await plain.evaluate(() => navigator.hardwareConcurrency);
  // Room for the long prompt (about 4 tokens a word with the tiny model's vocabulary).
  const wide = { ...model, contextWindow: 4096 };
  const run = (threads: number, i: number) =>
    plain.evaluate(([m, t, msgs]) => window.runPrefill(m, t, msgs), [
      wide,
      threads,
      prefillPrompt(i, config.prefillWords),
    ] as const);
  // Warm up both (load, JIT; the smoke run skips it), then alternate which goes first.
  for (let i = 0; i < config.warmups * 2; i++) await run(i % 2 ? cores : 1, -1 - i);
  let placements = '';
  const speed = (r: { promptTokens: number; ms: number }) => (r.promptTokens * 1000) / r.ms;
  const ratios: number[] = [];
  const one: number[] = [];
  const all: number[] = [];
  let tokens = 0;
  for (let i = 0; i < config.reps; i++) {
    const a = i % 2 ? await run(cores, 2 * i) : await run(1, 2 * i);
    const b = i % 2 ? await run(1, 2 * i + 1) : await run(cores, 2 * i + 1);
    const [single, multi] = i % 2 ? [b, a] : [a, b];
    one.push(speed(single));
    all.push(speed(multi));
    ratios.push(speed(multi) / speed(single));
    tokens = single.promptTokens;
    placements = `${multi.placement} / ${single.placement}`;
  }
  return summarize(
    'llamacpp_threads_speedup',
    `llama.cpp prefill tokens/s with ${cores} threads (every core) ÷ 1 thread, ${tokens}-token prompt, same run`,
    ratios,
    'ratio',
    '≥ 1.6',
    `${cores} threads ${median(all).toFixed(0)} tok/s, 1 thread ${median(one).toFixed(0)} tok/s (${placements}); the extension runs cores − 1 = ${Math.max(1, cores - 1)}`,
  );
}

export async function measureEngineChoice(
  panel: Page,
  model: ModelRef,
  config: { reps: number; choiceTokens: number; warmups: number },
): Promise<Measure[]> {
  await panel.bringToFront();
  const calibration: number[] = [];
  let inWorker = 0;
  for (let i = 0; i < Math.min(config.reps, 5); i++) {
    calibration.push(await timedHostCall(panel, 'calibrate'));
  }
  const caps = await hostRequest(panel, 'capabilities');
  inWorker = caps.calibration?.elapsedMs ?? NaN;
  const rates = caps.calibration?.gbPerSecond ?? {};
  // A GGUF model runs as llama.cpp on the CPU or on WebGPU: the kind with the higher rate wins.
  const kinds: EngineKind[] = ['llamacpp-cpu', 'llamacpp-gpu'];
  const picked = kinds.reduce((best, k) => ((rates[k] ?? -1) > (rates[best] ?? -1) ? k : best));
  const refs: Record<string, ModelRef> = {
    'llamacpp-cpu': { ...model, gpuLayers: 0 },
    'llamacpp-gpu': { ...model, gpuLayers: 99 },
  };
  const messages = [{ role: 'user' as const, content: 'Tell me a story about the river.' }];
  const tps = async (kind: string) => {
    const t = await streamThroughExtension(panel, {
      model: refs[kind],
      messages,
      max_tokens: config.choiceTokens,
      temperature: 0,
      seed: 1,
    });
    return ((t.tokens - 1) * 1000) / t.decodeMs;
  };
  const where: Record<string, string> = {};
  for (const kind of kinds) {
    await hostRequest(panel, 'load', refs[kind]!);
    where[kind] = (await hostRequest(panel, 'status')).loadedOn ?? '?';
    if (config.warmups) await tps(kind);
  }
  const ratios: number[] = [];
  const speeds: Record<string, number[]> = { 'llamacpp-cpu': [], 'llamacpp-gpu': [] };
  for (let i = 0; i < Math.min(config.reps, 5); i++) {
    // Each switch reloads the model (one is resident at a time); the tiny model loads in ms.
    const order = i % 2 ? [...kinds].reverse() : kinds;
    const got: Record<string, number> = {};
    for (const kind of order) speeds[kind]!.push((got[kind] = await tps(kind)));
    ratios.push(got[picked]! / Math.max(...Object.values(got)));
  }
  const fmt = (k: string) => `${k} ${median(speeds[k]!).toFixed(0)} tok/s (${where[k]})`;
  return [
    summarize(
      'calibration_ms',
      'calibrate, asked from the panel: engine Worker measures the CPU and the WebGPU adapter',
      calibration,
      'ms',
      '≤ 3000',
      `${inWorker} ms of it measuring in the Worker`,
    ),
    summarize(
      'engine_choice_ratio',
      'decode tokens/s of the engine kind the calibration picks ÷ the best kind measured here (tiny model)',
      ratios,
      'ratio',
      '≥ 0.95',
      `picked ${picked}; ${fmt('llamacpp-cpu')}, ${fmt('llamacpp-gpu')}`,
    ),
  ];
}

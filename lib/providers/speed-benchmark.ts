/**
 * The in-product speed comparison: the same prompts on each chosen engine and model, timed
 * where the user sees them (time to first token, tokens per second), medians side by side.
 */
import { median } from '../measure/median';
import { errorMessage, type EngineClient, type ModelRef } from '../protocol';
import { placeOf } from './consent';

export const DEFAULT_PROMPTS = [
  'Explain in two sentences why the sky is blue.',
  'List three uses of a spreadsheet.',
  'Write a haiku about the sea.',
];

export interface SpeedRow {
  model: ModelRef;
  where: string;
  runs: number;
  ttftMs: number;
  tokensPerSecond: number;
  error?: string;
}

export function whereItRuns(model: ModelRef): string {
  const place = placeOf(model);
  return `${place.on === 'device' ? 'this device' : place.on === 'machine' ? 'this machine' : 'cloud'} (${place.name})`;
}

/** One timed run, measured at the client: first chunk, then tokens over the time after it. */
async function timedRun(
  client: EngineClient,
  model: ModelRef,
  prompt: string,
  maxTokens: number,
): Promise<{ ttft: number; tps: number }> {
  const start = performance.now();
  let first = 0;
  let last = 0;
  let tokens = 0;
  let firstTokens = 0;
  await client.request(
    'chat',
    { model, messages: [{ role: 'user', content: prompt }], max_tokens: maxTokens, temperature: 0 },
    {
      onChunk: ({ tokens: n }) => {
        last = performance.now();
        if (!first) {
          first = last;
          firstTokens = n;
        }
        tokens += n;
      },
    },
  );
  const decode = (last - first) / 1000;
  return { ttft: first - start, tps: decode > 0 ? (tokens - firstTokens) / decode : 0 };
}

/** Runs every prompt `repeat` times on each model (after one warm-up), reporting each model's medians as they finish. */
export async function compareSpeed(
  client: EngineClient,
  models: ModelRef[],
  options: { prompts?: string[]; repeat?: number; maxTokens?: number; onRow?: (row: SpeedRow) => void } = {},
): Promise<SpeedRow[]> {
  const prompts = options.prompts?.length ? options.prompts : DEFAULT_PROMPTS;
  const rows: SpeedRow[] = [];
  for (const model of models) {
    const ttfts: number[] = [];
    const speeds: number[] = [];
    let error: string | undefined;
    try {
      await timedRun(client, model, prompts[0]!, 8); // warm-up: load the model, open the connection
      for (let r = 0; r < (options.repeat ?? 2); r++) {
        for (const prompt of prompts) {
          const { ttft, tps } = await timedRun(client, model, prompt, options.maxTokens ?? 64);
          ttfts.push(ttft);
          speeds.push(tps);
        }
      }
    } catch (e) {
      error = errorMessage(e);
    }
    const row: SpeedRow = {
      model,
      where: whereItRuns(model),
      runs: ttfts.length,
      // A model that never answered shows 0 beside its error.
      ttftMs: ttfts.length ? median(ttfts) : 0,
      tokensPerSecond: speeds.length ? median(speeds) : 0,
      ...(error ? { error } : {}),
    };
    rows.push(row);
    options.onRow?.(row);
  }
  return rows;
}

export function speedCsv(rows: SpeedRow[]): string {
  const head = 'model,engine,where,runs,median_ttft_ms,median_tokens_per_second,error';
  const esc = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return `${[head, ...rows.map((r) => [r.model.id, r.model.engine, r.where, r.runs, r.ttftMs.toFixed(1), r.tokensPerSecond.toFixed(1), r.error ?? ''].map((v) => esc(String(v))).join(','))].join('\n')}\n`;
}

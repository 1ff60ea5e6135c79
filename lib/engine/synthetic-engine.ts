/**
 * The synthetic engine: a named test double that "generates" numbered words at a fixed
 * rate without any model. It exists to measure the router and the Port path on their own
 * (the benchmark streams 2,000 tokens/s through it) and to test the host without a model.
 * Model id "echo" streams the last user message back instead: the way tests put exact text
 * (e.g. hostile HTML) into "model output"; "echo-prompt" streams every user message of the prompt,
 * which is how tests see exactly what page text reached the model. Model id "cite-3-5" answers
 * citing passages 3 and 5 of the page ("cite-B3": passage 3 of tab B), and passage 9999999,
 * which no page has: how tests check citations.
 */
import { AbortedError, type ModelRef } from '../protocol';
import type {
  ChatCompletion,
  ChatCompletionOptions,
  ChatCompletionRequest,
  Engine,
  LoadReport,
} from './engine';

export interface SyntheticOptions {
  tokensPerSecond?: number;
  loadMs?: number;
}

/** Reads the rate from a model id such as "synthetic-2000" (tokens per second). */
export function rateFromModel(model: ModelRef, fallback = 2000): number {
  const match = /(\d+)$/.exec(model.id);
  const rate = match ? Number(match[1]) : fallback;
  return rate > 0 ? rate : fallback;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted || ms <= 0) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });

export class SyntheticEngine implements Engine {
  readonly id = 'synthetic' as const;
  private rate: number;
  private loaded: ModelRef | null = null;

  constructor(private readonly options: SyntheticOptions = {}) {
    this.rate = options.tokensPerSecond ?? 2000;
  }

  async load(model: ModelRef, onProgress: (report: LoadReport) => void): Promise<void> {
    this.rate = this.options.tokensPerSecond ?? rateFromModel(model);
    const steps = 4;
    for (let i = 1; i <= steps; i++) {
      await new Promise((r) => setTimeout(r, (this.options.loadMs ?? 0) / steps));
      onProgress({ progress: i / steps, text: `Loading ${model.id} (synthetic test engine)` });
    }
    this.loaded = model;
  }

  async chat(request: ChatCompletionRequest, options: ChatCompletionOptions): Promise<ChatCompletion> {
    if (!this.loaded) throw new AbortedError('No model is loaded.');
    if (this.loaded.id === 'echo') return this.echo(request, options);
    if (this.loaded.id === 'echo-prompt') {
      const users = request.messages.filter((m) => m.role === 'user').map((m) => m.content);
      return this.stream(users.join('\n\n'), options);
    }
    const cited = /^cite((?:-[A-Z]?\d{1,7})+)$/.exec(this.loaded.id);
    if (cited) {
      const ids = cited[1]!.slice(1).split('-');
      const text = `The page says so ${ids.map((id) => `[${id}]`).join(', ')}; see also [9999999].`;
      return this.stream(text, options);
    }
    const total = request.max_tokens ?? 64;
    const start = performance.now();
    let text = '';
    for (let i = 0; i < total;) {
      if (options.signal.aborted) throw new AbortedError();
      // Emit every token that is due by now, then sleep until the next one is.
      const due = Math.min(total, Math.floor(((performance.now() - start) * this.rate) / 1000) + 1);
      for (; i < due; i++) {
        const word = `w${i} `;
        text += word;
        options.onDelta(word);
      }
      if (i < total) await sleep(start + (i * 1000) / this.rate - performance.now(), options.signal);
    }
    const promptTokens = request.messages.reduce((n, m) => n + Math.ceil(m.content.length / 4), 0);
    return { text, finishReason: 'length', promptTokens, completionTokens: total };
  }

  private async echo(
    request: ChatCompletionRequest,
    options: ChatCompletionOptions,
  ): Promise<ChatCompletion> {
    const text = [...request.messages].reverse().find((m) => m.role === 'user')?.content ?? '';
    return this.stream(text, options);
  }

  /** Streams `text` in pieces of four characters. */
  private async stream(text: string, options: ChatCompletionOptions): Promise<ChatCompletion> {
    const pieces = text.match(/[\s\S]{1,4}/g) ?? [];
    for (const piece of pieces) {
      if (options.signal.aborted) throw new AbortedError();
      options.onDelta(piece);
      await sleep(1, options.signal);
    }
    return {
      text,
      finishReason: 'stop',
      promptTokens: Math.ceil(text.length / 4),
      completionTokens: pieces.length,
    };
  }

  async unload(): Promise<void> {
    this.loaded = null;
  }
}

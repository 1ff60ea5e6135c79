/**
 * The engine alone, in a plain web page: the baseline the extension is measured against.
 * The same engine classes the extension's Worker uses run here directly on the page.
 */
import type { Engine } from '../../lib/engine/engine';
import { SyntheticEngine } from '../../lib/engine/synthetic-engine';
import { WllamaEngine } from '../../lib/engine/wllama-engine';
import type { ChatMessage, ModelRef } from '../../lib/protocol';

export interface StreamTiming {
  tokens: number;
  ttftMs: number;
  decodeMs: number;
}

declare global {
  interface Window {
    runPlain: (model: ModelRef, messages: ChatMessage[], maxTokens: number) => Promise<StreamTiming>;
  }
}

const engines = new Map<string, Engine>();

window.runPlain = async (model, messages, maxTokens) => {
  const key = `${model.engine}:${model.id}`;
  let engine = engines.get(key);
  if (!engine) {
    engine =
      model.engine === 'wllama'
        ? new WllamaEngine({ wasmUrl: new URL('/wllama.wasm', location.href).href })
        : new SyntheticEngine();
    await engine.load(model, () => {});
    engines.set(key, engine);
  }
  const start = performance.now();
  let first = 0;
  let last = 0;
  let tokens = 0;
  await engine.chat(
    { messages, max_tokens: maxTokens, temperature: 0, seed: 1 },
    {
      signal: new AbortController().signal,
      onDelta: () => {
        last = performance.now();
        if (!tokens) first = last;
        tokens++;
      },
    },
  );
  return { tokens, ttftMs: first - start, decodeMs: last - first };
};

declare global {
  interface Window {
    runPrefill: (
      model: ModelRef,
      threads: number,
      messages: ChatMessage[],
    ) => Promise<{ promptTokens: number; ms: number; placement: string | null }>;
  }
}

const byThreads = new Map<number, WllamaEngine>();

/**
 * Prefill speed of llama.cpp with `threads` threads (this page is cross-origin isolated, so
 * wllama can run them): time to the first token of a one-token answer to `messages`.
 */
window.runPrefill = async (model, threads, messages) => {
  let engine = byThreads.get(threads);
  if (!engine) {
    engine = new WllamaEngine({ wasmUrl: new URL('/wllama.wasm', location.href).href, threads });
    await engine.load(model, () => {});
    byThreads.set(threads, engine);
  }
  const start = performance.now();
  let first = 0;
  const result = await engine.chat(
    { messages, max_tokens: 1, temperature: 0 },
    { signal: new AbortController().signal, onDelta: () => (first ||= performance.now()) },
  );
  return {
    promptTokens: result.promptTokens,
    ms: (first || performance.now()) - start,
    placement: engine.placement(),
  };
};

declare global {
  interface Window {
    buildTable: (rows: number, cols: number) => void;
  }
}

/**
 * Builds a rows×cols table with a header and lays it out: the page whose tables the panel
 * extracts through the content script (the product's own path, timed by the benchmark).
 */
window.buildTable = (rows, cols) => {
  document.getElementById('bench-table')?.remove();
  const head = `<tr>${Array.from({ length: cols }, (_, c) => `<th>Column ${c}</th>`).join('')}</tr>`;
  const body = Array.from(
    { length: rows },
    (_, r) =>
      `<tr>${Array.from({ length: cols }, (_, c) => `<td>${c === 0 ? `Item ${r}` : c % 3 === 0 ? `${(r * c) % 100}.5%` : ((r * 7919 + c) % 100000).toLocaleString('en')}</td>`).join('')}</tr>`,
  ).join('');
  document.body.insertAdjacentHTML(
    'beforeend',
    `<table id="bench-table"><caption>Bench</caption><thead>${head}</thead><tbody>${body}</tbody></table>`,
  );
  // A real page has styled and laid out its table long before anyone asks about it.
  void document.body.offsetHeight;
};

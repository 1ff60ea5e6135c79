/**
 * The engine alone, in a plain web page: the baseline the extension is measured against.
 * The benchmark loads this page, which exposes one function to run a timed generation.
 */
import { WllamaEngine } from '../../lib/engine/wllama-engine';

declare global {
  interface Window {
    runPlain: (modelUrl: string, wasmUrl: string, maxTokens: number) => Promise<{ tokens: number; ms: number; ttftMs: number; text: string }>;
  }
}

let engine: WllamaEngine | null = null;

window.runPlain = async (modelUrl, wasmUrl, maxTokens) => {
  if (!engine) {
    engine = new WllamaEngine({ wasmUrl });
    await engine.load({ engine: 'wllama', id: 'tiny', url: modelUrl }, () => {});
  }
  const start = performance.now();
  let first = 0;
  let tokens = 0;
  const result = await engine.chat(
    { messages: [{ role: 'user', content: 'Say hello to the world.' }], max_tokens: maxTokens, temperature: 0 },
    {
      signal: new AbortController().signal,
      onDelta: () => {
        if (!tokens) first = performance.now();
        tokens++;
      },
    },
  );
  const end = performance.now();
  return { tokens, ms: end - first, ttftMs: first - start, text: result.text };
};

import { describe, expect, it } from 'vitest';
import {
  AbortedError,
  BuiltinModelFailedError,
  ContextOverflowError,
  EngineUnavailableError,
  NotSupportedError,
  type BuiltinStatus,
} from '../protocol';
import { BUILTIN_MODEL, BuiltinEngine } from './builtin-engine';
import { DOUBLE_ANSWER, languageModelDouble, type DoubleMode } from './test-doubles/language-model-double';

const messages = [
  { role: 'system' as const, content: 'Be brief.' },
  { role: 'user' as const, content: 'Hi' },
  { role: 'assistant' as const, content: 'Hello.' },
  { role: 'user' as const, content: 'What is this page about?' },
];

function engine(mode: DoubleMode | null) {
  const api = mode ? languageModelDouble(mode) : undefined;
  const seen: BuiltinStatus[] = [];
  return {
    api,
    seen,
    engine: new BuiltinEngine(
      () => api,
      (s) => seen.push(s),
    ),
  };
}

const collect = () => {
  const deltas: string[] = [];
  return {
    deltas,
    options: { signal: new AbortController().signal, onDelta: (d: string) => deltas.push(d) },
  };
};

describe('BuiltinEngine (against the LanguageModel test double)', () => {
  it('streams the answer from a session holding the conversation, the last question as the prompt', async () => {
    const { api, engine: e } = engine('available');
    const { deltas, options } = collect();
    const result = await e.chat({ messages }, options);
    expect(result.text).toBe(DOUBLE_ANSWER);
    expect(deltas.join('')).toBe(DOUBLE_ANSWER);
    expect(result.finishReason).toBe('stop');
    expect(result.completionTokens).toBe(deltas.length);
    expect(result.promptTokens).toBeGreaterThan(0);
    expect(api!.prompts).toEqual([['What is this page about?']]);
    expect(e.status().availability).toBe('available');
  });

  it('stops at max_tokens with finishReason length', async () => {
    const { options, deltas } = collect();
    const result = await engine('available').engine.chat({ messages, max_tokens: 2 }, options);
    expect(result.finishReason).toBe('length');
    expect(deltas).toHaveLength(2);
  });

  it('says it is unavailable where the browser has no LanguageModel, and what to do', async () => {
    const { engine: e } = engine(null);
    expect((await e.refresh()).availability).toBe('unavailable');
    await expect(e.chat({ messages }, collect().options)).rejects.toThrow(EngineUnavailableError);
    await expect(e.load(BUILTIN_MODEL, () => {})).rejects.toThrow(/Pick another model/);
  });

  it('downloadable: load reports Chrome downloadprogress, in status too, then it is available', async () => {
    const { engine: e, seen } = engine('downloadable');
    expect((await e.refresh()).availability).toBe('downloadable');
    await expect(e.chat({ messages }, collect().options)).rejects.toThrow(EngineUnavailableError);
    const reports: number[] = [];
    await e.load(BUILTIN_MODEL, (r) => reports.push(r.progress));
    expect(reports).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(seen.filter((s) => s.availability === 'downloading').map((s) => s.progress)).toEqual([
      0, 0.25, 0.5, 0.75, 1,
    ]);
    expect(e.status()).toEqual({ availability: 'available', progress: null });
    expect((await e.chat({ messages }, collect().options)).text).toBe(DOUBLE_ANSWER);
  });

  it('says why Chrome refused to start its download (it wants a click in the asking page)', async () => {
    const refusing = {
      availability: async () => 'downloadable' as const,
      create: async () => Promise.reject(new DOMException('Requires a user gesture.', 'NotAllowedError')),
    };
    const e = new BuiltinEngine(() => refusing);
    const error = await e.load(BUILTIN_MODEL, () => {}).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(BuiltinModelFailedError);
    expect((error as Error).message).toMatch(/only for a page you clicked in.*Pick another model/);
    expect(e.status().availability).toBe('downloadable');
  });

  it('failing mid-answer: a typed error that says what to do, after the words it streamed', async () => {
    const { deltas, options } = collect();
    const error = await engine('failing')
      .engine.chat({ messages }, options)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BuiltinModelFailedError);
    expect((error as Error).message).toMatch(/stopped mid-answer.*Ask again, or pick another model/);
    expect(deltas.length).toBeGreaterThan(0);
  });

  it('an abort rejects with AbortedError', async () => {
    const controller = new AbortController();
    const pending = engine('available').engine.chat(
      { messages },
      { signal: controller.signal, onDelta: () => controller.abort() },
    );
    await expect(pending).rejects.toThrow(AbortedError);
  });

  it('refuses grammars and prompts over the session budget with our typed errors', async () => {
    const { engine: e } = engine('available');
    await expect(
      e.chat({ messages, response_format: { type: 'grammar', grammar: 'root ::= "a"' } }, collect().options),
    ).rejects.toThrow(NotSupportedError);
    const long = [{ role: 'user' as const, content: 'x'.repeat(4 * 5000) }];
    await expect(e.chat({ messages: long }, collect().options)).rejects.toThrow(ContextOverflowError);
  });
});

/**
 * A follow-up on a long page: time to first token of the second question ÷ the first's, with the
 * product's own prompt builder (lib/chat/chat-prompt.ts) and real llama.cpp. The follow-up's
 * prompt extends the first one exactly, so llama.cpp reuses its KV cache for the page.
 */
import type { Page } from '@playwright/test';
import { median } from '../../lib/measure/median';
import type { ModelRef } from '../../lib/protocol';
import type { PageContext } from '../../lib/page/page-context';
import { buildChatPrompt } from '../../lib/chat/chat-prompt';
import { streamThroughExtension } from '../ext-client';
import { summarize, type Measure } from '../stats';

const WORDS = ['river', 'bank', 'city', 'north', 'water', 'bridge', 'market', 'road', 'hill', 'tower'];
const pageOf = (run: number, words: number): PageContext => {
  const text = Array.from({ length: words }, (_, i) => WORDS[(i * 3 + run) % WORDS.length]).join(' ');
  return {
    url: `http://127.0.0.1/page-${run}.html`,
    title: `Page ${run}`,
    lang: 'en',
    text,
    source: 'readable',
    fullChars: text.length,
    selection: null,
  };
};

export async function measureFollowUp(
  panel: Page,
  tiny: ModelRef,
  config: { reps: number; pageTokens: number; warmups: number },
): Promise<Measure> {
  await panel.bringToFront();
  const model = { ...tiny, contextWindow: 4096 };
  const ask = (messages: { role: 'system' | 'user' | 'assistant'; content: string }[]) =>
    streamThroughExtension(panel, { model, messages, max_tokens: 24, temperature: 0, seed: 1 });
  // Size the page in this model's tokens: one probe, then scale.
  const probe = await ask([{ role: 'user', content: pageOf(-1, 400).text }]);
  const words = Math.round((400 * config.pageTokens) / Math.max(1, probe.promptTokens));
  const ratio = pageOf(-1, 400).text.length / Math.max(1, probe.promptTokens);
  const turns = (run: number) => {
    const page = pageOf(run, words);
    const base = { window: 4096, ratio, answerTokens: 512, page, attachment: null };
    const first = buildChatPrompt({ ...base, prior: [], question: 'What is this page about?' });
    return { page, base, first };
  };
  const ratios: number[] = [];
  const tokens: number[][] = [];
  const ttfts: number[][] = [];
  for (let i = -config.warmups; i < config.reps; i++) {
    const { base, first } = turns(i);
    const one = await ask(first.messages);
    const q1 = 'What is this page about?';
    const second = buildChatPrompt({
      ...base,
      prior: [
        { role: 'user', content: q1 },
        { role: 'assistant', content: one.text },
      ],
      question: 'Which word comes up most?',
      previous: { messages: first.messages, answer: one.text, fitted: first.fitted },
    });
    if (second.messages.length !== first.messages.length + 2) throw new Error('the follow-up did not extend');
    const two = await ask(second.messages);
    // The control: the same follow-up with a different first message, so no cached prefix helps.
    const [system, ...rest] = second.messages;
    const cold = config.warmups
      ? (await ask([{ role: 'system', content: `(${i}) ${system!.content}` }, ...rest])).ttftMs
      : NaN; // the smoke run skips it

    if (i < 0) continue; // warm-up
    ratios.push(two.ttftMs / one.ttftMs);
    tokens.push([one.promptTokens, two.promptTokens]);
    ttfts.push([one.ttftMs, two.ttftMs, cold]);
  }
  return summarize(
    'followup_ttft_ratio',
    `time to first token of a follow-up ÷ the first question's, on a ~${config.pageTokens}-token page (llama.cpp, product prompts)`,
    ratios,
    'ratio',
    '≤ 0.25',
    `first ${median(ttfts.map((t) => t[0]!)).toFixed(0)} ms for ${tokens[0]?.[0]} prompt tokens, follow-up ${median(ttfts.map((t) => t[1]!)).toFixed(0)} ms for ${tokens[0]?.[1]}, the same follow-up with nothing cached ${median(ttfts.map((t) => t[2]!)).toFixed(0)} ms`,
  );
}

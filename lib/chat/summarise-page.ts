/**
 * "Summarise this page" for pages longer than the context window: summarise each part, then
 * combine the part summaries, so the answer covers the whole page (up to MAX_PARTS parts; the
 * user is told when a page is longer still).
 */
import { t } from '../i18n/i18n';
import {
  appendChunk,
  type ChatMessage,
  type EngineClient,
  type ModelRef,
  type PageContent,
} from '../protocol';
import { SYSTEM_PROMPT, quotePageText } from '../page/prompts';
import { chars, chunkText, type Budget } from './context-budget';
import { retryOnOverflow } from './overflow-retry';

export const MAX_PARTS = 8;

export interface SummaryPlan {
  parts: string[];
  /** Parts the page had in all; more than parts.length when it was cut. */
  total: number;
}

export function planSummary(text: string, budget: Budget): SummaryPlan {
  const all = chunkText(text, budget);
  return { parts: all.slice(0, MAX_PARTS), total: all.length };
}

export function partMessages(title: string, part: string, index: number, total: number): ChatMessage[] {
  return [
    { role: 'system', content: SYSTEM_PROMPT },
    {
      role: 'user',
      content: `Part ${index + 1} of ${total} of the page:\n${quotePageText(part, { title })}\n\nSummarise this part in a few bullet points.`,
    },
  ].map((m) => ({ ...m, role: m.role as ChatMessage['role'] }));
}

export function combineMessages(title: string, summaries: string[], instruction: string): ChatMessage[] {
  const joined = summaries.map((s, i) => `Part ${i + 1}:\n${s}`).join('\n\n');
  return [
    { role: 'system', content: SYSTEM_PROMPT },
    {
      role: 'user',
      content: `Summaries of the parts of the page:\n${quotePageText(joined, { title })}\n\n${instruction}`,
    },
  ];
}

export interface PartsRun {
  client: EngineClient;
  model: ModelRef;
  /** What the parts are, declared to the host (see PageContentSchema). */
  pageContent?: PageContent;
  page: { title: string; text: string };
  window: number;
  answerTokens: number;
  /** Characters per token as currently known, and a way to learn a better one. */
  ratio: () => number;
  learnRatio: (ratio: number) => void;
  signal: AbortSignal;
  onPart: (index: number, parts: number) => void;
}

/**
 * Summarises each part of a long page. A part the engine reports as too long (with its exact
 * token count) teaches the ratio, and the page is planned again (see ./overflow-retry.ts).
 * @throws whatever the engine reports besides a context overflow, and AbortedError.
 */
export async function summariseParts(run: PartsRun): Promise<{ summaries: string[]; plan: SummaryPlan }> {
  const { client, model, page, window, signal } = run;
  const budget = () => ({
    contextWindow: window,
    reserveTokens: run.answerTokens + 256,
    charsPerToken: run.ratio(),
  });
  let plan = planSummary(page.text, budget());
  return retryOnOverflow(
    async () => {
      // Part summaries together must fit the combining prompt.
      const partTokens = Math.max(48, Math.floor((window - run.answerTokens - 300) / plan.parts.length));
      const summaries: string[] = [];
      for (const [i, part] of plan.parts.entries()) {
        run.onPart(i, plan.parts.length);
        const messages = partMessages(page.title, part, i, plan.parts.length);
        const r = await client.request(
          'chat',
          { model, messages, max_tokens: partTokens, pageContent: run.pageContent },
          { signal },
        );
        summaries.push(r.text);
      }
      return { summaries, plan };
    },
    // The engine counted a part: the first is the longest.
    () => chars(partMessages(page.title, plan.parts[0]!, 0, plan.parts.length)),
    (learnt) => {
      run.learnRatio(learnt.ratio);
      plan = planSummary(page.text, budget());
    },
  );
}

/**
 * The whole page summarised: its parts, then one answer combining them, streamed through
 * `onText`, with a note when the page was longer than MAX_PARTS parts or the read cap.
 * @throws as summariseParts.
 */
export async function summarisePage(
  run: PartsRun & {
    page: { fullChars: number };
    instruction: string;
    /** The part summaries are being combined (one part: its summary is being rewritten as the answer). */
    onCombining: (parts: number) => void;
    onText: (answer: string) => void;
  },
): Promise<string> {
  const { summaries, plan } = await summariseParts(run);
  run.onCombining(plan.parts.length);
  const cut = plan.total > plan.parts.length || run.page.fullChars > run.page.text.length;
  const note = cut ? `\n\n_${t('chat_summary_cut', plan.parts.length, plan.total)}_` : '';
  let answer = '';
  await run.client.request(
    'chat',
    {
      model: run.model,
      messages: combineMessages(run.page.title, summaries, run.instruction),
      max_tokens: run.answerTokens,
      pageContent: run.pageContent,
    },
    { signal: run.signal, onChunk: (chunk) => run.onText((answer = appendChunk(answer, chunk))) },
  );
  return answer + note;
}

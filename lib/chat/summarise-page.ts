/**
 * "Summarise this page" for pages longer than the context window: summarise each part, then
 * combine the part summaries, so the answer covers the whole page (up to MAX_PARTS parts; the
 * user is told when a page is longer still).
 */
import type { ChatMessage } from '../protocol';
import { SYSTEM_PROMPT, quotePageText } from '../page/prompts';
import { chunkText, type Budget } from './context-budget';

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
      content: `Part ${index + 1} of ${total} of the page "${title.slice(0, 200)}":\n${quotePageText(part)}\n\nSummarise this part in a few bullet points.`,
    },
  ].map((m) => ({ ...m, role: m.role as ChatMessage['role'] }));
}

export function combineMessages(title: string, summaries: string[], instruction: string): ChatMessage[] {
  const joined = summaries.map((s, i) => `Part ${i + 1}:\n${s}`).join('\n\n');
  return [
    { role: 'system', content: SYSTEM_PROMPT },
    {
      role: 'user',
      content: `Summaries of the parts of the page "${title.slice(0, 200)}":\n${quotePageText(joined)}\n\n${instruction}`,
    },
  ];
}

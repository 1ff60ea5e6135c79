/**
 * The messages for one chat turn, fitted to the model's window: instructions, the page (as
 * quoted data, cut to what fits), as much recent history as fits, an attached selection, and
 * the question. Pure: the chat session supplies the state and the token estimate.
 *
 * Follow-ups must not pay for the page again. Engines keep the work done on a prompt (its KV
 * cache) and reuse it for the next one as far as the two agree from the start: llama.cpp reuses
 * the longest common prefix, WebLLM only a conversation that the new one extends exactly. So a
 * turn's prompt is, where it fits, the previous turn's prompt as sent plus its answer and the new
 * question; otherwise it is built afresh with the page first and cut the same way as before, so
 * at least the instructions and the page stay a common prefix.
 */
import type { ChatMessage } from '../protocol';
import type { PageContext } from '../page/page-context';
import { CITE_PROMPT, SYSTEM_PROMPT, quotePageText, selectionData } from '../page/prompts';
import { packPassages, passageLine, type Ranking } from '../page/retrieve-passages';
import type { Passage } from '../page/passages';
import { fitToBudget, type Fitted } from './context-budget';

/** A turn as it went to the engine: what the next turn's prompt can extend. */
export interface SentTurn {
  /** The prompt, exactly as sent. */
  messages: ChatMessage[];
  /** The answer, exactly as the engine gave it. */
  answer: string;
  /** The page text as it was fitted for that prompt. */
  fitted: Fitted | null;
}

export interface ChatPromptInput {
  /** The model's context window, in tokens. */
  window: number;
  /** Characters per token, as learnt from the engine. */
  ratio: number;
  /** Tokens kept free for the answer. */
  answerTokens: number;
  prior: ChatMessage[];
  question: string;
  /** The page to attach, or null to ask without it. */
  page: PageContext | null;
  attachment: string | null;
  /** The paragraph around the attachment, when the page gave it. */
  paragraph?: string;
  /**
   * The previous turn of this conversation with this model and this page, as sent; the session
   * passes it only while model, page and page choice are unchanged.
   */
  previous?: SentTurn | null;
  /**
   * How to choose the page's passages for this question when they do not all fit (see
   * lib/page/retrieve-passages.ts); from the start when not given.
   */
  ranking?: Ranking;
}

/** Share of the window kept for the conversation beside the page, so follow-ups rarely move it. */
export const CONVERSATION_SHARE = 1 / 8;

export function buildChatPrompt(input: ChatPromptInput): { messages: ChatMessage[]; fitted: Fitted | null } {
  return extendPrevious(input) ?? buildFresh(input);
}

const estimate = (ratio: number) => (text: string) => Math.ceil(text.length / ratio) + 8;

function attachmentPair(input: ChatPromptInput): ChatMessage[] {
  if (!input.attachment) return [];
  return [
    {
      role: 'user',
      content: `Text the user selected on the page:\n${selectionData(input.attachment, input.paragraph)}`,
    },
    { role: 'assistant', content: 'I have read the selection.' },
  ];
}

/** The previous prompt + its answer + this turn, when the history is exactly that turn and it fits. */
function extendPrevious(input: ChatPromptInput): { messages: ChatMessage[]; fitted: Fitted | null } | null {
  const { previous, prior } = input;
  if (!previous || !keepsPassages(previous.fitted, input.ranking)) return null;
  const asked = previous.messages.at(-1);
  const [question, answer] = prior.slice(-2);
  if (
    asked?.role !== 'user' ||
    question?.role !== 'user' ||
    question.content !== asked.content ||
    answer?.role !== 'assistant' ||
    answer.content !== previous.answer
  )
    return null;
  const messages: ChatMessage[] = [
    ...previous.messages,
    { role: 'assistant', content: previous.answer },
    ...attachmentPair(input),
    { role: 'user', content: input.question },
  ];
  const tokens = estimate(input.ratio);
  const used = messages.reduce((n, m) => n + tokens(m.content), 0);
  return used + input.answerTokens + 64 <= input.window ? { messages, fitted: previous.fitted } : null;
}

function buildFresh(input: ChatPromptInput): { messages: ChatMessage[]; fitted: Fitted | null } {
  const { window, ratio, prior, question, page } = input;
  const tokens = estimate(ratio);
  const attachment = attachmentPair(input);
  const turn = tokens(question) + attachment.reduce((n, m) => n + tokens(m.content), 0);
  const fixed = input.answerTokens + tokens(SYSTEM_PROMPT) + 64;
  // The page gets what the instructions, the answer and the conversation leave, by a rule that
  // does not depend on this turn's question or history (unless the turn alone needs more): a
  // follow-up finds the page exactly where the previous prompt had it.
  const pageBudget = window - fixed - Math.max(turn, Math.floor(window * CONVERSATION_SHARE));
  const fitted = page?.passages?.length
    ? fitPassages(page.passages, pageBudget, ratio, input.ranking ?? { kind: 'lead' }, input.previous?.fitted)
    : page?.text
      ? fitPage(page.text, pageBudget, ratio, input.previous?.fitted)
      : null;
  const context: ChatMessage[] = [];
  if (page && fitted?.text) {
    context.push(
      { role: 'user', content: `The page:\n${quotePageText(fitted.text, page)}` },
      { role: 'assistant', content: 'I have read the page.' },
    );
  }
  // Earlier turns fill what is left, newest first; the oldest go first when it runs out.
  let free = window - fixed - turn - context.reduce((n, m) => n + tokens(m.content), 0);
  const history: ChatMessage[] = [];
  for (const m of [...prior].reverse()) {
    if (tokens(m.content) > free) break;
    history.unshift(m);
    free -= tokens(m.content);
  }
  if (history[0]?.role === 'assistant') history.shift();
  return {
    messages: [
      { role: 'system', content: fitted?.ids ? `${SYSTEM_PROMPT} ${CITE_PROMPT}` : SYSTEM_PROMPT },
      ...context,
      ...history,
      ...attachment,
      { role: 'user', content: question },
    ],
    fitted,
  };
}

/** The page cut to `budget` tokens; the cut the previous turn used while it still fits. */
function fitPage(text: string, budget: number, ratio: number, pinned: Fitted | null | undefined): Fitted {
  // The learnt ratio moves after every answer: re-cutting with it would move the prefix too.
  if (pinned && text.startsWith(pinned.text) && estimate(ratio)(pinned.text) <= budget) return pinned;
  return fitToBudget(text, { contextWindow: budget, reserveTokens: 0, charsPerToken: ratio });
}

/**
 * Whether the last turn's passages serve this question too: all of them, or the page's start for
 * another question about the whole page — not those chosen for another question, nor the start
 * for a question that should search.
 */
function keepsPassages(fitted: Fitted | null | undefined, ranking: Ranking | undefined): boolean {
  return !fitted?.ids || !fitted.cut || (!fitted.matched && (ranking?.kind ?? 'lead') === 'lead');
}

/**
 * The page as numbered passages: all of them where they fit; otherwise those the ranking chooses
 * (for a question, the ones that match it) — or none, when nothing matches. The previous turn's
 * choice is kept while it was not chosen by its question and still fits, as for plain text.
 */
function fitPassages(
  passages: Passage[],
  budget: number,
  ratio: number,
  ranking: Ranking,
  pinned: Fitted | null | undefined,
): Fitted {
  const lines = passages.map(passageLine).join('\n');
  const all = { text: lines, cut: false, kept: 1, ids: passages.map((p) => p.id) };
  if (pinned?.ids && keepsPassages(pinned, ranking) && estimate(ratio)(pinned.text) <= budget) return pinned;
  const chars = Math.max(0, Math.floor(budget * ratio));
  if (lines.length <= chars) return all;
  if (ranking.kind === 'none') return { text: '', cut: true, kept: 0, ids: [], notOnPage: true };
  const chosen = packPassages(passages, ranking, chars);
  const text = chosen.map(passageLine).join('\n');
  return {
    text,
    cut: true,
    kept: lines.length ? text.length / lines.length : 1,
    ids: chosen.map((p) => p.id),
    ...(ranking.kind === 'match' ? { matched: true } : {}),
  };
}

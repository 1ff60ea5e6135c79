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
import { CITE_PROMPT, SYSTEM_PROMPT, TAB_CITE_PROMPT, quotePageText, selectionData } from '../page/prompts';
import { packPassages, passageLine, type Ranking } from '../page/retrieve-passages';
import type { Passage } from '../page/passages';
import { fairShares, fitToBudget, type Fitted } from './context-budget';

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
  /** Other open tabs the user added as context, each fenced on its own (see ./tab-context.ts). */
  tabs?: TabSource[];
}

/** Another open tab as context: its letter prefixes its passage ids in the prompt ([B3]). */
export interface TabSource {
  letter: string;
  page: PageContext;
  /** How to choose its passages for this question (its own index, see retrieve-passages.ts). */
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
  if (!previous || !keepsPassages(previous.fitted, input.ranking) || !keepsTabs(previous.fitted, input.tabs))
    return null;
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
  const tabs = input.tabs ?? [];
  const fitted = tabs.length
    ? fitWithTabs(page, input.ranking, tabs, pageBudget, ratio)
    : fitSource(page, pageBudget, ratio, input.ranking, input.previous?.fitted);
  const context: ChatMessage[] = [];
  if (page && fitted?.text) {
    context.push(
      { role: 'user', content: `The page:\n${quotePageText(fitted.text, page)}` },
      { role: 'assistant', content: 'I have read the page.' },
    );
  }
  // Each tab in a fence of its own, named by its letter outside the fence (the letter is ours).
  for (const tab of tabs) {
    const text = fitted?.tabs?.[tab.letter]?.text;
    if (!text) continue;
    context.push(
      { role: 'user', content: `Another open tab, tab ${tab.letter}:\n${quotePageText(text, tab.page)}` },
      { role: 'assistant', content: `I have read tab ${tab.letter}.` },
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
      { role: 'system', content: systemPrompt(fitted, tabs.length > 0) },
      ...context,
      ...history,
      ...attachment,
      { role: 'user', content: question },
    ],
    fitted,
  };
}

function systemPrompt(fitted: Fitted | null, tabs: boolean): string {
  if (!fitted?.ids) return SYSTEM_PROMPT;
  return [SYSTEM_PROMPT, CITE_PROMPT, ...(tabs ? [TAB_CITE_PROMPT] : [])].join(' ');
}

/** A page's passages (or its text, where it has none) fitted to `budget` tokens. */
function fitSource(
  page: PageContext | null,
  budget: number,
  ratio: number,
  ranking: Ranking | undefined,
  pinned: Fitted | null | undefined,
): Fitted | null {
  if (page?.passages?.length)
    return fitPassages(page.passages, budget, ratio, ranking ?? { kind: 'lead' }, pinned);
  return page?.text ? fitPage(page.text, budget, ratio, pinned) : null;
}

/** A tab's passages with its letter before each id: ids stay unique across tabs. */
const lettered = (tab: TabSource): PageContext => ({
  ...tab.page,
  passages: tab.page.passages?.map((p) => ({ ...p, id: `${tab.letter}${p.id}` })),
});

/**
 * The page and the added tabs, the budget shared fairly between them (see fairShares). The
 * result describes the page as before, with the tabs' fits beside it and every id any of them
 * carried; nothing is pinned from the previous turn (the follow-up extends it instead, when it can).
 */
function fitWithTabs(
  page: PageContext | null,
  ranking: Ranking | undefined,
  tabs: TabSource[],
  budget: number,
  ratio: number,
): Fitted {
  const tokens = estimate(ratio);
  const sources = [
    ...(page ? [{ page, ranking }] : []),
    ...tabs.map((tab) => ({ page: lettered(tab), ranking: tab.ranking })),
  ];
  const whole = (p: PageContext) => (p.passages?.length ? p.passages.map(passageLine).join('\n') : p.text);
  const shares = fairShares(
    sources.map((s) => tokens(whole(s.page))),
    budget,
  );
  const fits = sources.map((s, i) => fitSource(s.page, shares[i]!, ratio, s.ranking, undefined));
  const own = page ? fits.shift()! : null;
  const ids = [own, ...fits].flatMap((f) => f?.ids ?? []);
  const carried = [own, ...fits].filter((f): f is Fitted => !!f);
  return {
    ...(own ?? { text: '', cut: false, kept: 1 }),
    ids: carried.some((f) => f.ids) ? ids : undefined,
    notOnPage: carried.length > 0 && carried.every((f) => f.notOnPage) ? true : undefined,
    tabs: Object.fromEntries(
      tabs.map((tab, i) => [tab.letter, fits[i] ?? { text: '', cut: false, kept: 1 }]),
    ),
  };
}

/** Whether the last turn's tabs are this turn's, and each one's passages serve this question too. */
function keepsTabs(fitted: Fitted | null | undefined, tabs: TabSource[] | undefined): boolean {
  const before = Object.keys(fitted?.tabs ?? {});
  if (before.join() !== (tabs ?? []).map((t) => t.letter).join()) return false;
  return (tabs ?? []).every((t) => keepsPassages(fitted!.tabs![t.letter], t.ranking));
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

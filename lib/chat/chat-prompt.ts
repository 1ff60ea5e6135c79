/**
 * The messages for one chat turn, fitted to the model's window: instructions, the page (as
 * quoted data, cut to what fits), an attached selection, as much recent history as fits, and
 * the question. Pure: the chat session supplies the state and the token estimate.
 */
import type { ChatMessage } from '../protocol';
import type { PageContext } from '../page/page-context';
import { SYSTEM_PROMPT, quotePageText, selectionData } from '../page/prompts';
import { fitToBudget, type Fitted } from './context-budget';

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
}

export function buildChatPrompt(input: ChatPromptInput): { messages: ChatMessage[]; fitted: Fitted | null } {
  const { window, ratio, prior, question, page, attachment } = input;
  const tokens = (text: string) => Math.ceil(text.length / ratio) + 8;
  // The answer, the instructions and the question come first; earlier turns get at most half
  // of what is left (oldest dropped first), and the page the rest.
  const free =
    window - input.answerTokens - tokens(SYSTEM_PROMPT) - tokens(question) - tokens(attachment ?? '') - 64;
  const history: ChatMessage[] = [];
  let used = 0;
  for (const m of [...prior].reverse()) {
    if (used + tokens(m.content) > free / 2) break;
    history.unshift(m);
    used += tokens(m.content);
  }
  if (history[0]?.role === 'assistant') used -= tokens(history.shift()!.content);
  const reserveTokens = window - Math.max(0, free - used);
  const fitted = page?.text
    ? fitToBudget(page.text, { contextWindow: window, reserveTokens, charsPerToken: ratio })
    : null;
  const context: ChatMessage[] = [];
  if (page && fitted?.text) {
    context.push(
      {
        role: 'user',
        content: `The page:\n${quotePageText(fitted.text, page)}`,
      },
      { role: 'assistant', content: 'I have read the page.' },
    );
  }
  if (attachment) {
    context.push(
      {
        role: 'user',
        content: `Text the user selected on the page:\n${selectionData(attachment, input.paragraph)}`,
      },
      { role: 'assistant', content: 'I have read the selection.' },
    );
  }
  return {
    messages: [
      { role: 'system', content: SYSTEM_PROMPT },
      ...context,
      ...history,
      { role: 'user', content: question },
    ],
    fitted,
  };
}

/** What the side panel shows of a page chat: the one state object the chat session emits. */
import type { ChatMessage } from '../protocol';
import type { PageContext } from '../page/page-context';
import type { Fitted } from './context-budget';
import type { DownloadOffer } from './download-offer';
import type { TabState } from './tab-context';
import type { RegionState } from './picked-region';

export interface ChatState extends TabState, RegionState {
  messages: ChatMessage[];
  streaming: boolean;
  error: string | null;
  page: PageContext | null;
  /** Why there is no page context, in words the user can act on. */
  pageProblem: string | null;
  /** The origin the user may grant so the page can be read (a PDF on another site), if that is the problem. */
  pageAccess: string | null;
  includePage: boolean;
  fitted: Fitted | null;
  /** Selected text attached to the next question ("Ask about this…"). */
  attachment: string | null;
  /** What a long task is doing, e.g. "Summarising part 2 of 5…". */
  progress: string | null;
  /** Waiting for the user's OK to send page text to a provider off this device. */
  consent: { site: string; provider: string } | null;
  /** Where each answer ran and how fast, by message index. */
  runs: Record<number, string>;
  /** The passage ids each answer could cite (those its prompt carried), by message index. */
  cited: Record<number, string[]>;
  /** What became of the last citation clicked, when it could not be shown as it was. */
  citationNote: string | null;
  /** The model a question needs is not on this device: what to download, and the question. */
  offer: DownloadOffer | null;
}

export function initialChatState(): ChatState {
  return {
    messages: [],
    streaming: false,
    error: null,
    page: null,
    pageProblem: null,
    pageAccess: null,
    includePage: true,
    fitted: null,
    attachment: null,
    progress: null,
    consent: null,
    runs: {},
    cited: {},
    citationNote: null,
    offer: null,
    tabs: [],
    tabChoices: null,
    region: null,
    picking: false,
    contextNote: null,
  };
}

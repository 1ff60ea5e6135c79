/**
 * The side panel's conversation about the page: reads the page's text (as quoted data), fits
 * it to the model's context window, streams answers, and keeps the conversation per page in
 * IndexedDB so it survives closing the panel.
 */
import { AbortedError, type ChatMessage, type EngineClient, type ModelRef } from '../protocol';
import type { PageContext } from '../page/page-context';
import { SYSTEM_PROMPT, quotePageText } from '../page/prompts';
import type { PageBridge } from '../sql/table-session';
import { calibrate, fitToBudget, type Fitted } from './context-budget';
import { pageKeyOf, type Conversation, type HistoryStore } from './history-store';

export interface ChatState {
  messages: ChatMessage[];
  streaming: boolean;
  error: string | null;
  page: PageContext | null;
  /** Why there is no page context, in words the user can act on. */
  pageProblem: string | null;
  includePage: boolean;
  fitted: Fitted | null;
}

const ANSWER_TOKENS = 512;
const chars = (messages: ChatMessage[]) => messages.reduce((n, m) => n + m.content.length, 0);
const DEFAULT_WINDOW: Record<ModelRef['engine'], number> = { wllama: 2048, webllm: 4096, synthetic: 4096 };

export class ChatSession {
  private state: ChatState = { messages: [], streaming: false, error: null, page: null, pageProblem: null, includePage: true, fitted: null };
  private conversation: Conversation | null = null;
  private controller: AbortController | null = null;
  private charsPerToken = new Map<string, number>();
  /** Context windows as the engine reported them, where they differ from the default. */
  private windows = new Map<string, number>();

  constructor(
    private readonly client: EngineClient,
    private readonly pageBridge: PageBridge,
    private readonly model: () => Promise<ModelRef>,
    private readonly history: HistoryStore,
    private readonly onChange: (state: ChatState) => void,
  ) {}

  private set(next: Partial<ChatState>): void {
    this.state = { ...this.state, ...next };
    this.onChange(this.state);
  }

  /** Reads the page and picks up its latest conversation. */
  async loadPage(): Promise<void> {
    try {
      const page = await this.pageBridge.send<PageContext>({ type: 'page-context' });
      const problem = page.source === 'none' ? 'This page has no readable text.' : null;
      this.conversation = await this.history.latestForPage(pageKeyOf(page.url));
      this.set({ page, pageProblem: problem, messages: this.conversation?.messages.map(({ role, content }) => ({ role, content })) ?? [] });
    } catch {
      this.set({ page: null, pageProblem: 'Chrome does not let extensions read this page (chrome:// pages, the Web Store, the PDF viewer). Ask without it, or open a regular web page.' });
    }
  }

  togglePage(): void {
    this.set({ includePage: !this.state.includePage });
  }

  openConversation(conversation: Conversation): void {
    this.conversation = conversation;
    this.set({ messages: conversation.messages.map(({ role, content }) => ({ role, content })), error: null });
  }

  stop(): void {
    this.controller?.abort();
  }

  /** Drops the last answer and asks the same question again. */
  async regenerate(): Promise<void> {
    const messages = [...this.state.messages];
    if (messages.at(-1)?.role === 'assistant') messages.pop();
    const question = messages.pop();
    if (question?.role !== 'user') return;
    this.set({ messages });
    await this.send(question.content);
  }

  async send(question: string): Promise<void> {
    const model = await this.model();
    const prior = this.state.messages;
    this.controller = new AbortController();
    const show = (answer: string) => this.set({ messages: [...prior, { role: 'user', content: question }, { role: 'assistant', content: answer }] });
    show('');
    this.set({ streaming: true, error: null });
    try {
      // A prompt over the window is measured exactly by the engine: learn from it and fit again, once.
      for (let attempt = 0; ; attempt++) {
        const { messages: prompt, fitted } = this.prompt(model, prior, question);
        this.set({ fitted });
        let answer = '';
        try {
          const result = await this.client.request(
            'chat',
            { model, messages: prompt, max_tokens: ANSWER_TOKENS },
            { signal: this.controller.signal, onChunk: ({ delta }) => show((answer += delta)) },
          );
          this.charsPerToken.set(model.id, calibrate(this.ratio(model), chars(prompt), result.usage.promptTokens));
          break;
        } catch (error) {
          const over = /\((\d+) tokens\) exceeds the available context size \((\d+) tokens\)/.exec(error instanceof Error ? error.message : '');
          if (!over || attempt > 0) throw error;
          this.charsPerToken.set(model.id, (chars(prompt) / Number(over[1])) * 0.9);
          this.windows.set(model.id, Number(over[2]));
        }
      }
    } catch (error) {
      if (!(error instanceof AbortedError)) this.set({ error: error instanceof Error ? error.message : String(error) });
    } finally {
      this.set({ streaming: false });
      await this.persist().catch(() => {});
    }
  }

  private ratio(model: ModelRef): number {
    return this.charsPerToken.get(model.id) ?? 3.5;
  }

  private prompt(model: ModelRef, prior: ChatMessage[], question: string): { messages: ChatMessage[]; fitted: Fitted | null } {
    const window = this.windows.get(model.id) ?? model.contextWindow ?? DEFAULT_WINDOW[model.engine];
    const conversationChars = prior.reduce((n, m) => n + m.content.length, 0) + question.length + SYSTEM_PROMPT.length;
    const reserveTokens = ANSWER_TOKENS + Math.ceil(conversationChars / this.ratio(model)) + 64;
    const page = this.state.includePage ? this.state.page : null;
    const fitted = page?.text ? fitToBudget(page.text, { contextWindow: window, reserveTokens, charsPerToken: this.ratio(model) }) : null;
    const context: ChatMessage[] =
      page && fitted?.text
        ? [{ role: 'user', content: `The page "${page.title.slice(0, 200)}" (${page.url}):\n${quotePageText(fitted.text)}` }, { role: 'assistant', content: 'I have read the page.' }]
        : [];
    return { messages: [{ role: 'system', content: SYSTEM_PROMPT }, ...context, ...prior, { role: 'user', content: question }], fitted };
  }

  private async persist(): Promise<void> {
    const page = this.state.page;
    const now = Date.now();
    this.conversation = {
      id: this.conversation?.id ?? crypto.randomUUID(),
      pageKey: page ? pageKeyOf(page.url) : 'no-page',
      pageTitle: page?.title ?? 'Without a page',
      messages: this.state.messages.filter((m) => m.content).map((m) => ({ ...m, at: now })),
      updatedAt: now,
    };
    await this.history.save(this.conversation);
  }
}

/**
 * The side panel's conversation about the page: reads the page's text (as quoted data), fits
 * it to the model's context window, streams answers, and keeps the conversation per page in
 * IndexedDB so it survives closing the panel.
 */
import {
  AbortedError,
  ModelNotDownloadedError,
  appendChunk,
  type ChatMessage,
  type EngineClient,
  type ModelRef,
  errorMessage,
} from '../protocol';
import type { PageBridge } from '../page/page-bridge';
import { pageProblemOf } from '../page/page-problem';
import { initialChatState, type ChatState } from './chat-state';
export type { ChatState };
import { ModelFits, calibrate, chars, overflow } from './context-budget';
import { buildChatPrompt } from './chat-prompt';
import { PreviousTurn } from './previous-turn';
import {
  conversationOf,
  pageKeyOf,
  plainMessages,
  type Conversation,
  type HistoryStore,
} from './history-store';
import { combineMessages, summariseParts } from './summarise-page';
import { taskInstruction, taskKind, type TaskId, type TaskOptions } from './tasks';
import type { TaskKind } from '../settings/storage-items';
import type { Routed } from '../models/resolve-model';
import { runLabel, type ConsentChoice, type ConsentStore } from '../providers/consent';
import { ConsentAsker, decideShare, type ShareDecision } from './page-share';
import { offerFor, takeOffer } from './download-offer';

const ANSWER_TOKENS = 512;

export class ChatSession {
  private state: ChatState = initialChatState();
  private conversation: Conversation | null = null;
  /** The paragraph around the attached selection, when the page gave it. */
  private paragraph: string | undefined;
  private controller: AbortController | null = null;
  private readonly fits = new ModelFits();
  /** The last turn as sent, for the next prompt to extend (engines then reuse its KV cache). */
  private readonly previousTurn = new PreviousTurn();

  constructor(
    private readonly client: EngineClient,
    private readonly pageBridge: PageBridge,
    private readonly model: (kind: TaskKind, needs: { pageChars?: number }) => Promise<Routed>,
    private readonly history: HistoryStore,
    private readonly onChange: (state: ChatState) => void,
    private readonly consents: ConsentStore = { allowed: async () => false, allow: async () => {} },
  ) {}

  private readonly asker = new ConsentAsker((consent) => this.set({ consent }));

  /** The user's answer to the consent question. */
  decideConsent(choice: ConsentChoice): void {
    this.asker.answer(choice);
  }

  /** Asks before page text leaves the device (see ./page-share.ts). */
  private mayShare(model: ModelRef): Promise<ShareDecision> {
    return decideShare({
      page: this.state.page,
      includePage: this.state.includePage,
      hasAttachment: !!this.state.attachment,
      model,
      consents: this.consents,
      ask: (site, provider) => this.asker.ask(site, provider),
      grantOnce: async (site, provider) =>
        (await this.client.request('consent.once', { site, provider })).grant,
    });
  }

  private set(next: Partial<ChatState>): void {
    this.state = { ...this.state, ...next };
    this.onChange(this.state);
  }

  private loaded: Promise<void> | null = null;

  /** Reads the page and picks up its latest conversation (once; later calls wait for it). */
  loadPage(): Promise<void> {
    this.loaded ??= this.readPage();
    return this.loaded;
  }

  private async readPage(): Promise<void> {
    try {
      const page = await this.pageBridge.ask('page-context', {});
      const problem = page.source === 'none' ? 'This page has no readable text.' : null;
      this.conversation = await this.history.latestForPage(pageKeyOf(page.url));
      this.set({
        page,
        pageProblem: problem,
        messages: this.conversation ? plainMessages(this.conversation) : [],
      });
    } catch (error) {
      this.set({ page: null, pageProblem: pageProblemOf(error) });
    }
  }

  togglePage(): void {
    this.set({ includePage: !this.state.includePage });
  }

  openConversation(conversation: Conversation): void {
    this.conversation = conversation;
    this.set({ messages: plainMessages(conversation), error: null });
  }

  stop(): void {
    this.controller?.abort();
  }

  /** Downloads the model a question is waiting for, then asks it (see ./download-offer.ts). */
  async acceptOffer(): Promise<void> {
    const offer = this.state.offer;
    const download = (model: ModelRef) => this.client.request('models.download', model);
    if (offer && (await takeOffer(offer, download, (o) => this.set({ offer: o }))))
      await this.send(offer.question, offer.kind);
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

  /** Starts a menu task: explain, summarise, translate, rewrite, a preset, the whole page, or "ask" (attach only). */
  async runTask(task: TaskId, selection: string | undefined, options: TaskOptions): Promise<void> {
    await this.loadPage();
    const instruction = taskInstruction(task, options);
    if (task === 'summarise-page') return this.summarisePage(instruction!);
    // The menu gives the selected text; the page adds the paragraph around it when it can.
    const fresh = await this.pageBridge.ask('selection', {}).catch(() => null);
    const text = selection?.trim() || fresh?.text || '';
    this.paragraph = fresh && fresh.text.includes(text.slice(0, 50)) ? fresh.paragraph : undefined;
    this.set({ attachment: text || null });
    if (instruction)
      await this.send(
        task === 'preset' && options.presetTitle ? `${options.presetTitle}: ${instruction}` : instruction,
        taskKind(task),
      );
  }

  /** Carries a conversation over (from the answer bubble). */
  async continueConversation(messages: ChatMessage[]): Promise<void> {
    await this.loadPage();
    this.conversation = null;
    this.set({ messages, error: null });
  }

  async send(question: string, kind: TaskKind = 'chat'): Promise<void> {
    const routed = await this.model(kind, {
      pageChars: this.state.includePage ? this.state.page?.text.length : 0,
    });
    const model = routed.model;
    const { share, pageContent } = await this.mayShare(model);
    const prior = this.state.messages;
    const page = this.state.includePage && share ? this.state.page : null;
    const previous = this.previousTurn.take(model, page?.url ?? null, pageContent !== undefined);
    this.controller = new AbortController();
    const show = (answer: string) =>
      this.set({
        messages: [...prior, { role: 'user', content: question }, { role: 'assistant', content: answer }],
      });
    show('');
    this.set({ streaming: true, error: null, offer: null });
    try {
      // A prompt over the window is measured exactly by the engine: learn from it and fit again.
      for (let attempt = 0; ; attempt++) {
        const { messages: prompt, fitted } = buildChatPrompt({
          window: this.fits.window(model),
          ratio: this.fits.ratio(model),
          answerTokens: ANSWER_TOKENS,
          prior,
          question,
          page,
          attachment: share ? this.state.attachment : null,
          paragraph: this.paragraph,
          previous: attempt ? null : previous, // after an overflow, fit from scratch
        });
        this.set({ fitted });
        let answer = '';
        try {
          const result = await this.client.request(
            'chat',
            { model, messages: prompt, max_tokens: ANSWER_TOKENS, pageContent },
            {
              signal: this.controller.signal,
              onChunk: (chunk) => show((answer = appendChunk(answer, chunk))),
            },
          );
          const learnt = calibrate(this.fits.ratio(model), chars(prompt), result.usage.promptTokens);
          this.fits.learnRatio(model, learnt);
          this.previousTurn.keep({ messages: prompt, answer: result.text, fitted });
          this.set({
            runs: { ...this.state.runs, [prior.length + 1]: runLabel(model, result.timing, routed.note) },
          });
          break;
        } catch (error) {
          const over = overflow(error);
          if (!over || attempt > 1) throw error;
          // Page text may tokenise denser than the prompt as a whole: leave a margin, wider each try.
          this.fits.learnRatio(model, (chars(prompt) / over.tokens) * (attempt ? 0.65 : 0.8));
          this.fits.learnWindow(model, over.window);
        }
      }
    } catch (error) {
      // Not on this device: keep the question, offer the download instead of an error.
      if (error instanceof ModelNotDownloadedError)
        this.set({ messages: prior, offer: offerFor(model, question, kind) });
      else if (!(error instanceof AbortedError)) this.set({ error: errorMessage(error) });
    } finally {
      this.set({ streaming: false, attachment: null });
      await this.persist().catch(() => {});
    }
  }

  private async summarisePage(instruction: string): Promise<void> {
    const page = this.state.page;
    const missing = this.state.pageProblem ?? 'This page has no readable text to summarise.';
    if (!page?.text) return this.set({ error: missing });
    const routed = await this.model('summarise', { pageChars: page.text.length });
    const model = routed.model;
    const { share, pageContent } = await this.mayShare(model);
    if (!share) {
      this.set({
        error: `Kept on this device: ${model.id} runs off this device. Pick a local model to summarise this page.`,
      });
      return;
    }
    const window = this.fits.window(model);
    const prior = this.state.messages;
    this.controller = new AbortController();
    const signal = this.controller.signal;
    const question = { role: 'user' as const, content: instruction };
    const show = (content: string) =>
      this.set({ messages: [...prior, question, { role: 'assistant', content }] });
    this.set({ streaming: true, error: null });
    show('');
    try {
      const { summaries, plan } = await summariseParts({
        client: this.client,
        model,
        pageContent,
        page,
        window,
        answerTokens: ANSWER_TOKENS,
        ratio: () => this.fits.ratio(model),
        learnRatio: (ratio) => this.fits.learnRatio(model, ratio),
        signal,
        onPart: (i, n) => this.set({ progress: `Summarising part ${i + 1} of ${n}…` }),
      });
      this.set({ progress: plan.parts.length > 1 ? 'Combining the parts…' : null });
      const cut = plan.total > plan.parts.length || page.fullChars > page.text.length;
      const note = cut
        ? `\n\n_This page is very long: this covers the first ${plan.parts.length} of ${plan.total} parts._`
        : '';
      let answer = '';
      await this.client.request(
        'chat',
        {
          model,
          messages: combineMessages(page.title, summaries, instruction),
          max_tokens: ANSWER_TOKENS,
          pageContent,
        },
        {
          signal,
          onChunk: (chunk) => show((answer = appendChunk(answer, chunk))),
        },
      );
      show(answer + note);
    } catch (error) {
      if (!(error instanceof AbortedError)) this.set({ error: errorMessage(error) });
    } finally {
      this.set({ streaming: false, progress: null });
      await this.persist().catch(() => {});
    }
  }

  private async persist(): Promise<void> {
    this.conversation = conversationOf(this.conversation, this.state.page, this.state.messages);
    await this.history.save(this.conversation);
  }
}

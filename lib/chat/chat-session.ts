/**
 * The side panel's conversation about the page: reads the page's text (as quoted data), fits
 * it to the model's context window, streams answers, and keeps the conversation per page in
 * IndexedDB so it survives closing the panel.
 */
import { t } from '../i18n/i18n';
import {
  AbortedError,
  ModelNotDownloadedError,
  type ChatMessage,
  type EngineClient,
  type ModelRef,
  errorMessage,
} from '../protocol';
import type { PageBridge } from '../page/page-bridge';
import type { PageContext } from '../page/page-context';
import { initialChatState, type ChatState } from './chat-state';
export type { ChatState };
import { ModelFits } from './context-budget';
import { buildChatPrompt } from './chat-prompt';
import { PreviousTurn } from './previous-turn';
import { PageConversation, type Conversation, type HistoryStore } from './history-store';
import { summarisePage } from './summarise-page';
import { answerTurn } from './answer-turn';
import { readChatPage } from './page-reading';
import { PassageIndex } from '../page/retrieve-passages';
import { taskInstruction, taskKind, type TaskId, type TaskOptions } from './tasks';
import type { TaskKind } from '../settings/storage-items';
import type { Routed } from '../models/resolve-model';
import { answerLabel, type ConsentChoice, type ConsentStore } from '../providers/consent';
import { ConsentAsker, decideShare, withTabs, type ShareDecision } from './page-share';
import { offerFor, takeOffer } from './download-offer';
import { TabContext, type TabsAccess } from './tab-context';
import { pickRegion } from './picked-region';
import { showCitation } from './show-citation';

const ANSWER_TOKENS = 512;

/** The answer when the page is longer than the window and none of its passages matches the question. */
export const NOT_ON_PAGE = t('chat_not_on_page');

export class ChatSession {
  private state: ChatState = initialChatState();
  private readonly conversation: PageConversation;
  /** The paragraph around the attached selection, when the page gave it. */
  private paragraph: string | undefined;
  private controller: AbortController | null = null;
  private readonly fits = new ModelFits();
  /** The last turn as sent, for the next prompt to extend (engines then reuse its KV cache). */
  private readonly previousTurn = new PreviousTurn();
  /** The page's passages, indexed for retrieval once per page read. */
  private index: PassageIndex | null = null;
  /** Other open tabs added as context (see ./tab-context.ts). */
  readonly tabs: TabContext;

  constructor(
    private readonly client: EngineClient,
    private readonly pageBridge: PageBridge,
    private readonly model: (kind: TaskKind, needs: { pageChars?: number }) => Promise<Routed>,
    history: HistoryStore,
    private readonly onChange: (state: ChatState) => void,
    private readonly consents: ConsentStore = { allowed: async () => false, allow: async () => {} },
    tabsAccess: TabsAccess | null = null,
  ) {
    this.conversation = new PageConversation(history);
    this.tabs = new TabContext(tabsAccess, (next) => this.set(next));
  }

  /** "Pick a part of the page": the picked part is the page context until dropRegion. */
  pickRegion = (): Promise<void> => pickRegion(this.pageBridge, this.state.page, (next) => this.set(next));
  dropRegion = (): void => this.set({ region: null });

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
    const { page, pageProblem, pageAccess } = await readChatPage(this.pageBridge);
    const messages = page ? await this.conversation.pickUp(page.url).catch(() => []) : this.state.messages;
    this.set({ page, pageProblem, pageAccess, messages });
  }

  /**
   * Reads the page again once the user granted its origin (`asked`: the browser's permission
   * request, made from their click); a refusal leaves the problem as it is.
   */
  async afterPageAccess(asked: Promise<boolean>): Promise<void> {
    if (!(await asked.catch(() => false))) return;
    this.loaded = null;
    await this.loadPage();
  }

  togglePage = (): void => this.set({ includePage: !this.state.includePage });

  openConversation(conversation: Conversation): void {
    this.set({ messages: this.conversation.open(conversation), error: null, cited: {} });
  }

  stop = (): void => this.controller?.abort();
  /** Lets go of the browser's tab events once the panel has a session for another page. */
  dispose = (): void => this.tabs.dispose();

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
    this.conversation.startNew();
    this.set({ messages, error: null, cited: {} });
  }

  async send(question: string, kind: TaskKind = 'chat'): Promise<void> {
    const routed = await this.model(kind, {
      pageChars: this.state.includePage ? this.state.page?.text.length : 0,
    });
    const model = routed.model;
    const { share, pageContent } = await this.mayShare(model);
    const prior = this.state.messages;
    const page = this.state.includePage && share ? (this.state.region ?? this.state.page) : null;
    const { tabs, note } = this.tabs.forQuestion(question, model.engine === 'remote');
    const key = `${page?.url}${page && page === this.state.region ? '#picked' : ''}|${this.tabs.key()}`;
    const previous = this.previousTurn.take(model, key, pageContent !== undefined);
    this.controller = new AbortController();
    const show = (answer: string) =>
      this.set({
        messages: [...prior, { role: 'user', content: question }, { role: 'assistant', content: answer }],
      });
    show('');
    this.set({ streaming: true, error: null, offer: null, citationNote: null, contextNote: note });
    const ranking = page?.passages?.length ? this.indexOf(page.passages).rank(question) : undefined;
    const build = (attempt: number) =>
      buildChatPrompt({
        window: this.fits.window(model),
        ratio: this.fits.ratio(model),
        answerTokens: ANSWER_TOKENS,
        prior,
        question,
        page,
        attachment: share ? this.state.attachment : null,
        paragraph: this.paragraph,
        previous: attempt ? null : previous, // after an overflow, fit from scratch
        ranking,
        tabs,
      });
    const answerAt = prior.length + 1;
    try {
      // Nothing on a long page matches: say so rather than let the model guess.
      if (build(0).fitted?.notOnPage) return show(NOT_ON_PAGE);
      const { result, sent } = await answerTurn({
        client: this.client,
        fits: this.fits,
        model,
        pageContent: withTabs(pageContent, tabs),
        answerTokens: ANSWER_TOKENS,
        build,
        signal: this.controller.signal,
        onFitted: (fitted) =>
          this.set({ fitted, cited: { ...this.state.cited, [answerAt]: fitted?.ids ?? [] } }),
        onText: show,
      });
      this.previousTurn.keep(sent);
      this.set({
        runs: { ...this.state.runs, [answerAt]: answerLabel(result, routed.note) },
      });
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
    const missing = this.state.pageProblem ?? t('chat_nothing_to_summarise');
    if (!page?.text) return this.set({ error: missing });
    const routed = await this.model('summarise', { pageChars: page.text.length });
    const model = routed.model;
    const { share, pageContent } = await this.mayShare(model);
    if (!share) {
      this.set({
        error: t('chat_summary_kept', model.id),
      });
      return;
    }
    const prior = this.state.messages;
    this.controller = new AbortController();
    const question = { role: 'user' as const, content: instruction };
    const show = (content: string) =>
      this.set({ messages: [...prior, question, { role: 'assistant', content }] });
    this.set({ streaming: true, error: null });
    show('');
    try {
      const answer = await summarisePage({
        client: this.client,
        model,
        pageContent,
        page,
        instruction,
        window: this.fits.window(model),
        answerTokens: ANSWER_TOKENS,
        ratio: () => this.fits.ratio(model),
        learnRatio: (ratio) => this.fits.learnRatio(model, ratio),
        signal: this.controller.signal,
        onPart: (i, n) => this.set({ progress: t('chat_summarising_part', i + 1, n) }),
        onCombining: (parts) => this.set({ progress: parts > 1 ? t('chat_combining') : null }),
        onText: show,
      });
      show(answer);
    } catch (error) {
      if (!(error instanceof AbortedError)) this.set({ error: errorMessage(error) });
    } finally {
      this.set({ streaming: false, progress: null });
      await this.persist().catch(() => {});
    }
  }

  /** Shows a cited passage where it is (see ./show-citation.ts); says so when it is no longer there. */
  async showPassage(id: string): Promise<void> {
    const pages = [this.state.region, this.state.page];
    const note = await showCitation(id, pages, this.pageBridge, this.tabs);
    if (note !== undefined) this.set({ citationNote: note });
  }

  private indexOf(passages: NonNullable<PageContext['passages']>): PassageIndex {
    if (this.index?.passages !== passages) this.index = new PassageIndex(passages);
    return this.index;
  }

  private persist(): Promise<void> {
    return this.conversation.save(this.state.page, this.state.messages);
  }
}

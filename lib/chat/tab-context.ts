/**
 * Other open tabs as the chat's context, beside the page the panel is on: the user adds them from
 * a list of the window's other web pages, each is read through the same page bridge as the panel's
 * own page (so the same site rules apply: a PDF on a site not granted asks for it), and each gets
 * a letter that prefixes its passage ids in the prompt ([B3]), never reused in a session, so an
 * older answer's citations still name the tab they came from. A tab closed while it is context
 * leaves the chips, and the next question says so instead of failing.
 */
import type { PageBridge } from '../page/page-bridge';
import type { PageContext } from '../page/page-context';
import { PassageIndex } from '../page/retrieve-passages';
import type { TabSource } from './chat-prompt';
import { readChatPage } from './page-reading';

/** One of the window's other web pages, as the "Add tab" list shows it. */
export interface TabChoice {
  id: number;
  title: string;
  host: string;
}

/** A tab added as context, as its chip shows it. */
export interface ContextTab extends TabChoice {
  letter: string;
  /** Null while it is read, or when it cannot be (then `problem` says why). */
  page: PageContext | null;
  problem: string | null;
  /** The origin to grant before it can be read (a PDF on a site not granted yet). */
  access: string | null;
}

/** The browser's tabs as the chat needs them (lib/page/browser-tabs.ts in the panel). */
export interface TabsAccess {
  /** The window's other http(s) tabs (the panel's own page left out). */
  others(): Promise<TabChoice[]>;
  /** The way to tab `id`'s page: the same bridge, and rules, as the panel's own page. */
  bridge(id: number): PageBridge;
  /** Brings tab `id` to the front, and its window. */
  focus(id: number): Promise<void>;
  /** Calls `listener` with the id of each tab that closes. */
  onClosed(listener: (id: number) => void): void;
}

/** What the tab context puts in the chat's state. */
export interface TabState {
  tabs: ContextTab[];
  /** The "Add tab" list while it is open. */
  tabChoices: TabChoice[] | null;
  /** What the last question's context left out (for the view to say, in words). */
  contextNote: ContextNote | null;
}

/** Titles of tabs closed since the question before; whether added tabs were kept on this device. */
export interface ContextNote {
  closed: string[];
  keptOnDevice: boolean;
}

const LETTERS = 'BCDEFGHIJKLMNOPQRSTUVWXYZ';

export class TabContext {
  private tabs: ContextTab[] = [];
  /** Every tab that was context in this session, by letter, for older answers' citations. */
  private readonly known = new Map<string, { id: number; page: PageContext | null }>();
  private readonly indexes = new Map<string, PassageIndex>();
  /** One bridge per tab: a PDF's bridge remembers what it read, for its citations. */
  private readonly bridges = new Map<number, PageBridge>();
  /** Titles of tabs closed while they were context, for the next question to mention. */
  private closed: string[] = [];

  constructor(
    private readonly access: TabsAccess | null,
    private readonly show: (state: Partial<TabState>) => void,
  ) {
    access?.onClosed((id) => this.close(id));
  }

  /** Whether tabs can be added here at all (the panel knows its window's tabs). */
  get available(): boolean {
    return this.access !== null && this.known.size < LETTERS.length;
  }

  /** Opens the "Add tab" list: the window's other web pages not added yet. */
  async choose(): Promise<void> {
    const others = (await this.access?.others().catch(() => [])) ?? [];
    this.show({ tabChoices: others.filter((c) => !this.tabs.some((tab) => tab.id === c.id)) });
  }

  closeChoices(): void {
    this.show({ tabChoices: null });
  }

  /** Adds a tab as context and reads it. */
  async add(choice: TabChoice): Promise<void> {
    if (!this.access || this.tabs.some((tab) => tab.id === choice.id) || !this.available) return;
    const letter = LETTERS[this.known.size]!;
    this.known.set(letter, { id: choice.id, page: null });
    this.tabs = [...this.tabs, { ...choice, letter, page: null, problem: null, access: null }];
    this.show({ tabs: this.tabs, tabChoices: null });
    await this.read(letter);
  }

  remove(id: number): void {
    this.tabs = this.tabs.filter((tab) => tab.id !== id);
    this.show({ tabs: this.tabs });
  }

  /** Reads tab `id` again once the user granted its origin (`asked`, from their click). */
  async afterAccess(id: number, asked: Promise<boolean>): Promise<void> {
    const tab = this.tabs.find((tab) => tab.id === id);
    if (tab && (await asked.catch(() => false))) await this.read(tab.letter);
  }

  /**
   * The tabs to send with a question, each with its passages ranked for it, and what the view
   * should say about the context: tabs closed since the last question, and tabs kept back because
   * the model runs off this device (`offDevice`: the host's consent covers one site per request).
   */
  forQuestion(question: string, offDevice: boolean): { tabs: TabSource[]; note: ContextNote | null } {
    const closed = this.closed;
    this.closed = [];
    const sources = this.tabs.flatMap((tab) => {
      if (!tab.page?.text) return [];
      const ranking = tab.page.passages?.length
        ? this.indexOf(tab.letter, tab.page).rank(question)
        : undefined;
      return [{ letter: tab.letter, page: tab.page, ...(ranking ? { ranking } : {}) }];
    });
    const keptOnDevice = offDevice && sources.length > 0;
    const note = closed.length || keptOnDevice ? { closed, keptOnDevice } : null;
    return { tabs: keptOnDevice ? [] : sources, note };
  }

  /** The letters of the tabs that go with questions now: part of what a prompt is built from. */
  key(): string {
    return this.tabs.map((tab) => `${tab.letter}${tab.id}`).join(',');
  }

  /** The tab and passage a citation such as "B3" names, if a tab of this session had it. */
  resolve(cited: string): { id: number; bridge: PageBridge; passage: { id: string; hash: string } } | null {
    const known = this.known.get(cited[0] ?? '');
    const passage = known?.page?.passages?.find((p) => p.id === cited.slice(1));
    return known && passage ? { id: known.id, bridge: this.bridgeOf(known.id), passage } : null;
  }

  /** Brings tab `id` to the front (a citation of one of its passages was clicked). */
  focus(id: number): Promise<void> {
    return this.access?.focus(id) ?? Promise.resolve();
  }

  private async read(letter: string): Promise<void> {
    const known = this.known.get(letter)!;
    const { page, pageProblem, pageAccess } = await readChatPage(this.bridgeOf(known.id));
    known.page = page;
    this.tabs = this.tabs.map((tab) =>
      tab.letter === letter ? { ...tab, page, problem: pageProblem, access: pageAccess } : tab,
    );
    this.show({ tabs: this.tabs });
  }

  private bridgeOf(id: number): PageBridge {
    const bridge = this.bridges.get(id) ?? this.access!.bridge(id);
    this.bridges.set(id, bridge);
    return bridge;
  }

  private close(id: number): void {
    const tab = this.tabs.find((tab) => tab.id === id);
    if (!tab) return;
    this.closed.push(tab.page?.title || tab.title || tab.host);
    this.remove(id);
  }

  private indexOf(letter: string, page: PageContext): PassageIndex {
    const index = this.indexes.get(letter);
    if (index && index.passages === page.passages) return index;
    const fresh = new PassageIndex(page.passages!);
    this.indexes.set(letter, fresh);
    return fresh;
  }
}

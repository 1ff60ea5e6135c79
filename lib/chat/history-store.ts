/**
 * Conversations kept per page in IndexedDB (through idb), searchable. Only on this device:
 * extension storage is never synced.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ChatMessage } from '../protocol';

export interface Conversation {
  id: string;
  /** origin + path: the same article with another #hash or ?utm is the same page. */
  pageKey: string;
  pageTitle: string;
  messages: (ChatMessage & { at: number })[];
  updatedAt: number;
}

interface HistoryDb extends DBSchema {
  conversations: { key: string; value: Conversation; indexes: { byPage: string; byUpdated: number } };
}

export function pageKeyOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return url;
  }
}

/** The turns of a stored conversation, as chat messages. */
export function plainMessages(conversation: Conversation): ChatMessage[] {
  return conversation.messages.map(({ role, content }) => ({ role, content }));
}

/** The conversation to store: the same id as before, keyed by the page it is about. */
export function conversationOf(
  previous: Conversation | null,
  page: { url: string; title: string } | null,
  messages: ChatMessage[],
  now = Date.now(),
): Conversation {
  return {
    id: previous?.id ?? crypto.randomUUID(),
    pageKey: page ? pageKeyOf(page.url) : 'no-page',
    pageTitle: page?.title ?? 'Without a page',
    messages: messages.filter((m) => m.content).map((m) => ({ ...m, at: now })),
    updatedAt: now,
  };
}

export class HistoryStore {
  private db: Promise<IDBPDatabase<HistoryDb>> | null = null;

  constructor(private readonly name = 'local-ai-history') {}

  private open(): Promise<IDBPDatabase<HistoryDb>> {
    this.db ??= openDB<HistoryDb>(this.name, 1, {
      upgrade(db) {
        const store = db.createObjectStore('conversations', { keyPath: 'id' });
        store.createIndex('byPage', 'pageKey');
        store.createIndex('byUpdated', 'updatedAt');
      },
    });
    return this.db;
  }

  async save(conversation: Conversation): Promise<void> {
    await (await this.open()).put('conversations', conversation);
  }

  /** The most recent conversation on a page, to pick up where the user left off. */
  async latestForPage(pageKey: string): Promise<Conversation | null> {
    const all = await (await this.open()).getAllFromIndex('conversations', 'byPage', pageKey);
    return all.sort((a, b) => b.updatedAt - a.updatedAt)[0] ?? null;
  }

  /** Conversations whose title, page or messages contain every word of `query`, newest first. */
  async search(query: string, limit = 50): Promise<Conversation[]> {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    const all = await (await this.open()).getAllFromIndex('conversations', 'byUpdated');
    const hits = all.reverse().filter((c) => {
      const haystack =
        `${c.pageTitle} ${c.pageKey} ${c.messages.map((m) => m.content).join(' ')}`.toLowerCase();
      return words.every((w) => haystack.includes(w));
    });
    return hits.slice(0, limit);
  }

  async remove(id: string): Promise<void> {
    await (await this.open()).delete('conversations', id);
  }
}

/**
 * The conversation the panel shows, as the store keeps it: picked up from the page's latest,
 * opened from the history, started afresh, and saved after every answer under the same id.
 */
export class PageConversation {
  private current: Conversation | null = null;

  constructor(private readonly store: HistoryStore) {}

  /** The page's latest conversation, now the current one; its turns, or none. */
  async pickUp(pageUrl: string): Promise<ChatMessage[]> {
    this.current = await this.store.latestForPage(pageKeyOf(pageUrl));
    return this.current ? plainMessages(this.current) : [];
  }

  /** A conversation from the history, now the current one; its turns. */
  open(conversation: Conversation): ChatMessage[] {
    this.current = conversation;
    return plainMessages(conversation);
  }

  /** The next save starts a new conversation (e.g. one carried over from the answer bubble). */
  startNew(): void {
    this.current = null;
  }

  /**
   * Stores `messages` as the current conversation about `page`.
   * @throws what IndexedDB throws (quota, a closed database).
   */
  async save(page: { url: string; title: string } | null, messages: ChatMessage[]): Promise<void> {
    this.current = conversationOf(this.current, page, messages);
    await this.store.save(this.current);
  }
}

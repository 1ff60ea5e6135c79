/**
 * The host's wait line. Interactive requests go before background ones; within a priority,
 * clients take turns (the one served longest ago goes first), so one busy tab cannot starve
 * the side panel; each client's own requests keep their order.
 */
import type { Priority } from '../protocol';

export interface QueueItem {
  clientId: number;
  priority: Priority;
}

const RANK: Record<Priority, number> = { interactive: 0, background: 1 };

export class FairQueue<T extends QueueItem> {
  private items: T[] = [];
  private lastServed = new Map<number, number>();
  private turn = 0;

  get size(): number {
    return this.items.length;
  }

  push(item: T): void {
    this.items.push(item);
  }

  has(predicate: (item: T) => boolean): boolean {
    return this.items.some(predicate);
  }

  /** Removes and returns every item matching `predicate`. */
  remove(predicate: (item: T) => boolean): T[] {
    const removed = this.items.filter(predicate);
    this.items = this.items.filter((i) => !predicate(i));
    return removed;
  }

  /** The order items would be served in, without serving them. */
  order(): T[] {
    const served = new Map(this.lastServed);
    const rest = [...this.items];
    const out: T[] = [];
    let turn = this.turn;
    while (rest.length) {
      const index = this.pickIndex(rest, served);
      const [item] = rest.splice(index, 1);
      served.set(item!.clientId, ++turn);
      out.push(item!);
    }
    return out;
  }

  /** Removes and returns the item to serve next. */
  shift(): T | undefined {
    if (!this.items.length) return undefined;
    const index = this.pickIndex(this.items, this.lastServed);
    const [item] = this.items.splice(index, 1);
    this.lastServed.set(item!.clientId, ++this.turn);
    return item;
  }

  forgetClient(clientId: number): void {
    this.lastServed.delete(clientId);
  }

  private pickIndex(items: T[], served: Map<number, number>): number {
    let best = 0;
    for (let i = 1; i < items.length; i++) {
      const a = items[i]!;
      const b = items[best]!;
      const byRank = RANK[a.priority] - RANK[b.priority];
      if (byRank < 0 || (byRank === 0 && (served.get(a.clientId) ?? 0) < (served.get(b.clientId) ?? 0)))
        best = i;
    }
    return best;
  }
}

/**
 * The chat's last turn as it was sent, kept for the next prompt to extend (so the engine reuses
 * its KV cache; see ./chat-prompt.ts). Handed out only to a turn built from the same model and
 * page, and never to one that declares no page content when the kept prompt carried some: that
 * content would otherwise reach the engine undeclared.
 */
import type { ModelRef } from '../protocol';
import type { SentTurn } from './chat-prompt';

export class PreviousTurn {
  private last: { key: string; turn: SentTurn; carried: boolean } | null = null;
  /** What the turn being built is built from (set by take, used by keep). */
  private building: { key: string; carried: boolean } | null = null;

  /** The kept turn if the turn now being built may extend it; it is given out once. */
  take(model: ModelRef, pageUrl: string | null, declaresPage: boolean): SentTurn | null {
    const last = this.last;
    this.last = null;
    this.building = { key: keyOf(model, pageUrl), carried: declaresPage };
    return last?.key === this.building.key && (declaresPage || !last.carried) ? last.turn : null;
  }

  /** Keeps the turn built since the last take, as sent and answered. */
  keep(turn: SentTurn): void {
    if (this.building) this.last = { ...this.building, turn };
  }
}

const keyOf = (model: ModelRef, pageUrl: string | null) =>
  JSON.stringify([model.engine, model.id, model.url ?? null, pageUrl]);

/**
 * Merges text deltas that arrive faster than every `intervalMs` into one chunk. Every
 * message on a runtime Port crosses the browser process; at thousands of tokens a second
 * that IPC competes with inference for the CPU. Coalescing keeps the message rate bounded
 * while adding no delay when tokens come slower than the interval: the first token, and any
 * token after a pause, goes out at once.
 */
export interface CoalescedChunk {
  delta: string;
  tokens: number;
  /** When each delta in this chunk left the engine (see ChatChunk.emittedAt); absent if none was stamped. */
  emittedAt?: number[];
}

export class DeltaCoalescer {
  private text = '';
  private tokens = 0;
  private stamps: number[] = [];
  private lastSent = -Infinity;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly send: (chunk: CoalescedChunk) => void,
    private readonly intervalMs = 4,
    private readonly now: () => number = () => performance.now(),
  ) {}

  push(delta: string, tokens = 1, emittedAt: readonly number[] = []): void {
    this.text += delta;
    this.tokens += tokens;
    this.stamps.push(...emittedAt);
    if (this.now() - this.lastSent >= this.intervalMs) return this.flush();
    // A safety net for a held token followed by a pause; the next token flushes sooner anyway.
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  /** Sends whatever is held; call before the final result so no text is lost. */
  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (!this.tokens && !this.text) return;
    const chunk: CoalescedChunk = { delta: this.text, tokens: this.tokens };
    if (this.stamps.length) chunk.emittedAt = this.stamps;
    this.text = '';
    this.tokens = 0;
    this.stamps = [];
    this.lastSent = this.now();
    this.send(chunk);
  }

  /** Drops anything held (the request was cancelled). */
  discard(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.text = '';
    this.tokens = 0;
    this.stamps = [];
  }
}

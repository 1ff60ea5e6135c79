/**
 * A session as the Prompt API shapes it, backed by a session in Local AI's engine host (which
 * keeps the history, so each turn sends only what is new). `promptStreaming` yields deltas: each
 * chunk is the text added since the previous one, as current Chrome streams them.
 */
import type { PageSessionInfo, PageUsage } from '../protocol';
import { abortReason } from './dom-errors';
import type { PageChannel } from './page-channel';
import { schemaText, toMessages } from './prompt-input';

export interface PromptOptions {
  responseConstraint?: unknown;
  signal?: AbortSignal;
}

export class LocalLanguageModelSession extends EventTarget {
  #info: PageSessionInfo;
  #destroyed = false;
  /** Aborts every call in flight when the session is destroyed. */
  readonly #life = new AbortController();
  /** The `onquotaoverflow` event handler attribute. */
  onquotaoverflow: ((event: Event) => void) | null = null;

  constructor(
    private readonly channel: PageChannel,
    info: PageSessionInfo,
  ) {
    super();
    this.#info = info;
  }

  get inputUsage(): number {
    return this.#info.inputUsage;
  }
  get inputQuota(): number {
    return this.#info.inputQuota;
  }
  get topK(): number {
    return this.#info.topK;
  }
  get temperature(): number {
    return this.#info.temperature;
  }

  /** @throws {DOMException} NotAllowedError, QuotaExceededError, NotSupportedError, AbortError, InvalidStateError… */
  async prompt(input: unknown, options: PromptOptions = {}): Promise<string> {
    const result = await this.channel.call('page.prompt', this.#promptParams(input, options), {
      signal: this.#signal(options.signal),
    });
    this.#used(result);
    return result.text;
  }

  /** A stream of the answer's text, delta by delta; cancelling the stream stops the model. */
  promptStreaming(input: unknown, options: PromptOptions = {}): ReadableStream<string> {
    const params = this.#promptParams(input, options);
    const cancel = new AbortController();
    const signal = AbortSignal.any([this.#signal(options.signal), cancel.signal]);
    return new ReadableStream<string>({
      start: (controller) => {
        this.channel
          .call('page.prompt', params, {
            signal,
            onChunk: (chunk) => {
              // The engine crashed and answers again from the start: deltas sent cannot be taken back.
              if (chunk.restart) {
                cancel.abort(
                  new DOMException('The model restarted mid-answer; prompt again.', 'OperationError'),
                );
                return;
              }
              if (chunk.delta) controller.enqueue(chunk.delta);
            },
          })
          .then(
            (result) => {
              this.#used(result);
              controller.close();
            },
            (error: unknown) => controller.error(error),
          );
      },
      cancel: () => cancel.abort(new DOMException('The stream was cancelled.', 'AbortError')),
    });
  }

  /** Adds messages to the history without asking for an answer. */
  async append(input: unknown, options: { signal?: AbortSignal } = {}): Promise<void> {
    this.#check();
    const usage = await this.channel.call(
      'page.append',
      { sessionId: this.#info.sessionId, input: toMessages(input, 'prompt') },
      { signal: this.#signal(options.signal) },
    );
    this.#used(usage);
  }

  /** Tokens `input` would take (an estimate until the engine has counted this session's text). */
  async measureInputUsage(input: unknown, options: { signal?: AbortSignal } = {}): Promise<number> {
    this.#check();
    const { tokens } = await this.channel.call(
      'page.measure',
      { sessionId: this.#info.sessionId, input: toMessages(input, 'prompt') },
      { signal: this.#signal(options.signal) },
    );
    return tokens;
  }

  async clone(options: { signal?: AbortSignal } = {}): Promise<LocalLanguageModelSession> {
    this.#check();
    const info = await this.channel.call(
      'page.clone',
      { sessionId: this.#info.sessionId },
      { signal: this.#signal(options.signal) },
    );
    return new LocalLanguageModelSession(this.channel, info);
  }

  /** Ends the session: calls in flight reject with AbortError, later calls with InvalidStateError. */
  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.#life.abort(new DOMException('The session was destroyed.', 'AbortError'));
    // Nothing to wait for: the host forgets the session, or already has.
    void this.channel.call('page.destroy', { sessionId: this.#info.sessionId }).catch(() => undefined);
  }

  #promptParams(input: unknown, options: PromptOptions) {
    this.#check();
    const responseConstraint = schemaText(options.responseConstraint);
    return {
      sessionId: this.#info.sessionId,
      input: toMessages(input, 'prompt'),
      ...(responseConstraint ? { responseConstraint } : {}),
    };
  }

  #check(): void {
    if (this.#destroyed) throw new DOMException('This session was destroyed.', 'InvalidStateError');
  }

  #signal(signal: AbortSignal | undefined): AbortSignal {
    if (signal?.aborted) throw abortReason(signal);
    return signal ? AbortSignal.any([signal, this.#life.signal]) : this.#life.signal;
  }

  #used(usage: PageUsage): void {
    this.#info = { ...this.#info, inputUsage: usage.inputUsage };
    if (!usage.overflowed) return;
    const event = new Event('quotaoverflow');
    this.onquotaoverflow?.(event);
    this.dispatchEvent(event);
  }
}

/**
 * Chrome's built-in model (Gemini Nano, through the Prompt API) behind our Engine interface.
 * Our requests carry the whole conversation each time, so every answer gets a fresh session:
 * the conversation so far as `initialPrompts`, the last user message streamed with
 * `promptStreaming`, then the session is destroyed. Chrome downloads the model itself; its
 * `downloadprogress` is reported as load progress and in the host's status.
 */
import {
  AbortedError,
  BuiltinModelFailedError,
  ContextOverflowError,
  EngineUnavailableError,
  NotSupportedError,
  errorMessage,
  type BuiltinStatus,
  type ModelRef,
} from '../protocol';
import type {
  ChatCompletion,
  ChatCompletionOptions,
  ChatCompletionRequest,
  Engine,
  LoadReport,
} from './engine';
import type { LanguageModelApi, LanguageModelSessionLike, PromptMessage } from './prompt-api';

/** The one model this engine has: the ref every answer from it carries. */
export const BUILTIN_MODEL: ModelRef = { engine: 'builtin', id: 'chrome-built-in' };

const UNAVAILABLE =
  "Chrome's built-in model is not available in this browser: it needs Chrome 138 or later on a device Chrome supports (see chrome://on-device-internals). Pick another model in Models.";

export class BuiltinEngine implements Engine {
  readonly id = 'builtin' as const;
  private state: BuiltinStatus = { availability: 'unavailable', progress: null };

  /**
   * @param api the `LanguageModel` global, read on every use (it can appear after start-up).
   * @param onStatus told whenever availability or download progress changes.
   */
  constructor(
    private readonly api: () => LanguageModelApi | undefined,
    private readonly onStatus: (status: BuiltinStatus) => void = () => {},
  ) {}

  /** As last seen; `refresh` asks Chrome again. */
  status(): BuiltinStatus {
    return this.state;
  }

  /** Asks Chrome whether its model is here; never throws (a failing API counts as unavailable). */
  async refresh(): Promise<BuiltinStatus> {
    const api = this.api();
    const availability = api ? await api.availability().catch(() => 'unavailable' as const) : 'unavailable';
    this.set({ availability, progress: availability === 'downloading' ? this.state.progress : null });
    return this.state;
  }

  private set(next: BuiltinStatus): void {
    const changed = next.availability !== this.state.availability || next.progress !== this.state.progress;
    this.state = next;
    if (changed) this.onStatus(next);
  }

  /**
   * Makes sure Chrome has its model, downloading it (Chrome's own download) with progress.
   * @throws {EngineUnavailableError} this browser or device has no built-in model.
   * @throws {BuiltinModelFailedError} Chrome refused to create a session (e.g. not enough space).
   */
  async load(_model: ModelRef, onProgress: (report: LoadReport) => void): Promise<void> {
    const api = this.api();
    const { availability } = await this.refresh();
    if (!api || availability === 'unavailable') throw new EngineUnavailableError(UNAVAILABLE);
    if (availability === 'available')
      return onProgress({ progress: 1, text: "Chrome's built-in model is ready" });
    this.set({ availability: 'downloading', progress: 0 });
    let session: LanguageModelSessionLike;
    try {
      session = await api.create({
        monitor: (monitor) =>
          monitor.addEventListener('downloadprogress', (event) => {
            const progress = Math.min(1, Math.max(0, event.loaded / (event.total ?? 1)));
            this.set({ availability: 'downloading', progress });
            onProgress({
              progress,
              text: `Chrome is downloading its built-in model: ${Math.round(progress * 100)}%`,
            });
          }),
      });
    } catch (error) {
      await this.refresh();
      // Chrome starts this download only for a page the user has clicked in (sticky activation).
      if (error instanceof DOMException && error.name === 'NotAllowedError')
        throw new BuiltinModelFailedError(
          "Chrome downloads its built-in model only for a page you clicked in, and Local AI's engine host is not one. Pick another model in Models meanwhile.",
        );
      throw new BuiltinModelFailedError(
        `Chrome could not get its built-in model ready: ${errorMessage(error)} Check free disk space, then try again, or pick another model in Models.`,
      );
    }
    session.destroy();
    await this.refresh();
  }

  /**
   * Answers from a fresh session holding the conversation.
   * @throws {AbortedError} when `options.signal` aborts.
   * @throws {EngineUnavailableError} Chrome's model is not here (or not downloaded yet).
   * @throws {ContextOverflowError} the conversation is over the session's token budget.
   * @throws {NotSupportedError} a grammar response format (the Prompt API takes JSON schemas only).
   * @throws {BuiltinModelFailedError} Chrome refused the prompt or stopped mid-answer.
   */
  async chat(request: ChatCompletionRequest, options: ChatCompletionOptions): Promise<ChatCompletion> {
    const { signal } = options;
    const api = this.api();
    if (!api || (await this.refresh()).availability !== 'available')
      throw new EngineUnavailableError(UNAVAILABLE);
    const { initial, last } = splitConversation(request.messages);
    const constraint = responseConstraint(request);
    let session: LanguageModelSessionLike;
    try {
      session = await api.create({ initialPrompts: initial, signal });
    } catch (error) {
      throw failure(error, signal, 'could not start');
    }
    try {
      const promptTokens = await measure(session, last);
      const window = session.contextWindow ?? session.inputQuota;
      if (window !== undefined && promptTokens > window) throw ContextOverflowError.of(promptTokens, window);
      return await stream(session, last, request.max_tokens, constraint, options, promptTokens);
    } finally {
      session.destroy();
    }
  }

  unload(): Promise<void> {
    return Promise.resolve();
  }

  placement(): string {
    return 'in Chrome (its built-in model)';
  }
}

/** Everything before the last user message opens the session; that message is the prompt. */
function splitConversation(messages: ChatCompletionRequest['messages']): {
  initial: PromptMessage[];
  last: string;
} {
  const lastUser = messages.findLastIndex((m) => m.role === 'user');
  if (lastUser < 0) throw new NotSupportedError("Chrome's built-in model needs a question to answer.");
  // The Prompt API takes one system prompt, first: several are joined into it.
  const system = messages.filter((m) => m.role === 'system').map((m) => m.content);
  const turns = messages
    .slice(0, lastUser)
    .filter((m) => m.role !== 'system')
    .map((m) => ({ role: m.role, content: m.content }));
  return {
    initial: [
      ...(system.length ? [{ role: 'system' as const, content: system.join('\n\n') }] : []),
      ...turns,
    ],
    last: messages[lastUser]!.content,
  };
}

function responseConstraint(request: ChatCompletionRequest): unknown {
  const format = request.response_format;
  if (!format || format.type === 'text') return undefined;
  if (format.type === 'grammar')
    throw new NotSupportedError(
      "Chrome's built-in model takes JSON schemas, not grammars: pick a local model for this.",
    );
  return format.schema ? (JSON.parse(format.schema) as unknown) : { type: 'object' };
}

async function measure(session: LanguageModelSessionLike, last: string): Promise<number> {
  const held = session.contextUsage ?? session.inputUsage ?? 0;
  const measured = session.measureContextUsage
    ? session.measureContextUsage(last)
    : session.measureInputUsage?.(last);
  const added = measured ? await measured.catch(() => 0) : Math.ceil(last.length / 4);
  return held + added;
}

async function stream(
  session: LanguageModelSessionLike,
  prompt: string,
  maxTokens: number | undefined,
  constraint: unknown,
  { signal, onDelta }: ChatCompletionOptions,
  promptTokens: number,
): Promise<ChatCompletion> {
  let text = '';
  let chunks = 0;
  let reader: ReadableStreamDefaultReader<string>;
  try {
    reader = session
      .promptStreaming(prompt, {
        signal,
        ...(constraint === undefined ? {} : { responseConstraint: constraint }),
      })
      .getReader();
  } catch (error) {
    throw failure(error, signal, 'could not start');
  }
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      // Chrome streams deltas (since 137); each chunk is about one token.
      text += value;
      chunks++;
      onDelta(value, 1);
      if (maxTokens !== undefined && chunks >= maxTokens) {
        await reader.cancel().catch(() => {});
        return { text, finishReason: 'length', promptTokens, completionTokens: chunks };
      }
    }
  } catch (error) {
    throw failure(error, signal, chunks ? 'stopped mid-answer' : 'could not answer');
  }
  if (signal.aborted) throw new AbortedError();
  return { text, finishReason: 'stop', promptTokens, completionTokens: chunks };
}

/** What a DOMException from Chrome means for the asker, as one of our typed errors. */
function failure(error: unknown, signal: AbortSignal, when: string): Error {
  if (signal.aborted || (error instanceof DOMException && error.name === 'AbortError'))
    return new AbortedError();
  return new BuiltinModelFailedError(
    `Chrome's built-in model ${when}: ${errorMessage(error)} Ask again, or pick another model in Models.`,
  );
}

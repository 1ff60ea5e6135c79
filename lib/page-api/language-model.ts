/**
 * `LanguageModel` in the shape of Chrome's Prompt API, answered by Local AI's model on this
 * device: `availability()`, `params()`, `create()`. A page gets it as `window.localAI.LanguageModel`
 * (and as `window.LanguageModel` only where the browser has none and the user turned that on).
 */
import type { PageAvailability, PageModelParams } from '../protocol';
import { LocalLanguageModelSession } from './language-model-session';
import type { PageChannel } from './page-channel';
import { toMessages } from './prompt-input';

export interface CreateOptions {
  initialPrompts?: unknown;
  temperature?: number;
  topK?: number;
  signal?: AbortSignal;
  /** Called with an EventTarget that receives `downloadprogress` events ({ loaded: 0..1 }). */
  monitor?: (monitor: EventTarget) => void;
  expectedInputs?: { type?: string }[];
  expectedOutputs?: { type?: string }[];
}

/** Builds the `LanguageModel` class a page sees, talking through `channel`. */
export function languageModelClass(channel: PageChannel) {
  return class LanguageModel {
    /** @throws {DOMException} NotSupportedError for modalities other than text. */
    static async availability(
      options: Pick<CreateOptions, 'expectedInputs' | 'expectedOutputs'> = {},
    ): Promise<PageAvailability> {
      if (!textOnly(options)) return 'unavailable';
      return (await channel.call('page.availability', {})).availability;
    }

    static params(): Promise<PageModelParams> {
      return channel.call('page.params', {});
    }

    /**
     * A new session, once the model is on this device and loaded (`monitor` hears the download,
     * which waits for the user to allow it in Local AI, and then the load).
     * @throws {DOMException} NotAllowedError until the user allows this site in Local AI;
     *   QuotaExceededError, NotSupportedError, AbortError.
     */
    static async create(options: CreateOptions = {}): Promise<LocalLanguageModelSession> {
      if (!textOnly(options))
        throw new DOMException("Local AI's model reads and writes text only.", 'NotSupportedError');
      const progress = new EventTarget();
      options.monitor?.(progress);
      const initialPrompts =
        options.initialPrompts === undefined
          ? undefined
          : toMessages(options.initialPrompts, 'initialPrompts');
      const info = await channel.call(
        'page.create',
        {
          ...(initialPrompts ? { initialPrompts } : {}),
          ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
          ...(options.topK !== undefined ? { topK: options.topK } : {}),
        },
        {
          signal: options.signal,
          onChunk: ({ progress: loaded }) =>
            progress.dispatchEvent(Object.assign(new Event('downloadprogress'), { loaded, total: 1 })),
        },
      );
      return new LocalLanguageModelSession(channel, info);
    }
  };
}

function textOnly(options: Pick<CreateOptions, 'expectedInputs' | 'expectedOutputs'>): boolean {
  return [...(options.expectedInputs ?? []), ...(options.expectedOutputs ?? [])].every(
    (e) => (e?.type ?? 'text') === 'text',
  );
}

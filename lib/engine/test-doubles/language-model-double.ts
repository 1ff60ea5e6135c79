/**
 * A named test double of Chrome's `LanguageModel` (LanguageModel test double): headless
 * Chromium has no built-in model, so tests of everything around it (the engine adapter, the
 * host's choice of who answers, the panel's label) use this. Test builds install it on demand
 * (lib/host/test-hooks.ts); product builds never contain it (tests/production-build.test.ts).
 */
import type { BuiltinAvailability } from '../../protocol';
import type {
  DownloadProgressEvent,
  LanguageModelApi,
  LanguageModelSessionLike,
  PromptMessage,
} from '../prompt-api';

/**
 * - `available`: answers at once with DOUBLE_ANSWER;
 * - `downloadable`: reports `downloadprogress` on the first `create`, then is available;
 * - `failing`: available, but every answer stops with an error after its first words.
 */
export type DoubleMode = 'available' | 'downloadable' | 'failing';

export const DOUBLE_ANSWER = 'The built-in model double answers this.';
const DOUBLE_WORDS = DOUBLE_ANSWER.split(/(?<= )/);

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function abortError(): DOMException {
  return new DOMException('The operation was aborted.', 'AbortError');
}

class DoubleSession implements LanguageModelSessionLike {
  contextUsage: number;
  readonly contextWindow = 4096;

  constructor(
    initial: PromptMessage[],
    private readonly failing: boolean,
    private readonly prompts: string[][],
  ) {
    this.contextUsage = initial.reduce((n, m) => n + Math.ceil(m.content.length / 4), 0);
  }

  measureContextUsage(input: string | PromptMessage[]): Promise<number> {
    const text = typeof input === 'string' ? input : input.map((m) => m.content).join('');
    return Promise.resolve(Math.ceil(text.length / 4));
  }

  promptStreaming(
    input: string | PromptMessage[],
    options: { signal?: AbortSignal } = {},
  ): ReadableStream<string> {
    this.prompts.push([typeof input === 'string' ? input : JSON.stringify(input)]);
    const words = this.failing ? DOUBLE_WORDS.slice(0, 2) : DOUBLE_WORDS;
    let i = 0;
    return new ReadableStream<string>({
      pull: async (controller) => {
        await tick(20);
        if (options.signal?.aborted) return controller.error(abortError());
        if (i < words.length) return controller.enqueue(words[i++]);
        if (this.failing) return controller.error(new DOMException('The model crashed.', 'UnknownError'));
        controller.close();
      },
    });
  }

  destroy(): void {}
}

/** A `LanguageModel` in `mode`; `prompts` records what each answer was asked. */
export function languageModelDouble(mode: DoubleMode): LanguageModelApi & { prompts: string[][] } {
  let availability: BuiltinAvailability = mode === 'downloadable' ? 'downloadable' : 'available';
  const prompts: string[][] = [];
  return {
    prompts,
    availability: () => Promise.resolve(availability),
    async create(options = {}) {
      if (options.signal?.aborted) throw abortError();
      if (availability !== 'available') {
        availability = 'downloading';
        const listeners: ((event: DownloadProgressEvent) => void)[] = [];
        options.monitor?.({ addEventListener: (_type, listener) => listeners.push(listener) });
        for (const loaded of [0, 0.25, 0.5, 0.75, 1]) {
          await tick(50);
          for (const listener of listeners) listener({ loaded, total: 1 });
        }
        availability = 'available';
      }
      return new DoubleSession(options.initialPrompts ?? [], mode === 'failing', prompts);
    },
  };
}

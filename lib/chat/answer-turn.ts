/**
 * One chat turn against the engine: builds the prompt with what is known about the model,
 * streams the answer, learns the model's characters per token from the engine's own count, and
 * fits again when the engine says the prompt was too long (see ./overflow-retry.ts).
 */
import {
  appendChunk,
  type ChatMessage,
  type ChatResult,
  type EngineClient,
  type ModelRef,
  type PageContent,
} from '../protocol';
import { calibrate, chars, type Fitted, type ModelFits } from './context-budget';
import type { SentTurn } from './chat-prompt';
import { retryOnOverflow } from './overflow-retry';

export interface TurnRun {
  client: EngineClient;
  fits: ModelFits;
  model: ModelRef;
  /** What page content the prompt carries, declared to the host (see PageContentSchema). */
  pageContent?: PageContent;
  answerTokens: number;
  /** The prompt, fitted with what `fits` knows now; `attempt` > 0 after an overflow. */
  build: (attempt: number) => { messages: ChatMessage[]; fitted: Fitted | null };
  signal: AbortSignal;
  /** The page text as fitted for the prompt being sent. */
  onFitted: (fitted: Fitted | null) => void;
  /** The answer so far, after every chunk. */
  onText: (answer: string) => void;
}

/**
 * Asks the model; returns the engine's result and the turn as sent (for the next prompt to extend).
 * @throws whatever the engine reports (ModelNotDownloadedError, AbortedError, …), and the
 *   ContextOverflowError that remains after the refits.
 */
export async function answerTurn(run: TurnRun): Promise<{ result: ChatResult; sent: SentTurn }> {
  const { client, fits, model } = run;
  let prompt: ChatMessage[] = [];
  return retryOnOverflow(
    async (attempt) => {
      const { messages, fitted } = run.build(attempt);
      prompt = messages;
      run.onFitted(fitted);
      let answer = '';
      const result = await client.request(
        'chat',
        { model, messages, max_tokens: run.answerTokens, pageContent: run.pageContent },
        { signal: run.signal, onChunk: (chunk) => run.onText((answer = appendChunk(answer, chunk))) },
      );
      // A stand-in's token count (see answerLabel) says nothing of this model's tokenizer.
      if (!result.standInFor)
        fits.learnRatio(model, calibrate(fits.ratio(model), chars(messages), result.usage.promptTokens));
      return { result, sent: { messages, answer: result.text, fitted } };
    },
    () => chars(prompt),
    (learnt) => {
      fits.learnRatio(model, learnt.ratio);
      fits.learnWindow(model, learnt.window);
    },
  );
}

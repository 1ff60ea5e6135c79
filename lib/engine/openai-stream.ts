/**
 * Reads an OpenAI-style chat completion stream (Server-Sent Events) with eventsource-parser:
 * data lines may be split or joined across network chunks in any way; "[DONE]" ends it. A
 * malformed event, an error event, or a stream that ends without finishing is an error.
 */
import { createParser } from 'eventsource-parser';
import { LocalAiError } from '../protocol';

export interface StreamResult {
  text: string;
  finishReason: 'stop' | 'length';
  promptTokens: number;
  completionTokens: number;
}

interface Chunk {
  choices?: { delta?: { content?: string | null }; finish_reason?: string | null }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
  error?: { message?: string };
}

/** Feeds decoded text in any pieces; `end()` returns the result or throws what went wrong. */
export function chatStreamReader(onDelta: (text: string) => void) {
  let text = '';
  let finish: string | null = null;
  let done = false;
  let usage: Chunk['usage'] = null;
  let deltas = 0;
  let failure: LocalAiError | null = null;
  const parser = createParser({
    onEvent(event) {
      if (failure || done) return;
      if (event.data.trim() === '[DONE]') {
        done = true;
        return;
      }
      let chunk: Chunk;
      try {
        chunk = JSON.parse(event.data) as Chunk;
      } catch {
        failure = new LocalAiError(
          'engine-failed',
          `The provider sent a malformed chunk: ${event.data.slice(0, 80)}`,
        );
        return;
      }
      if (chunk.error) {
        failure = new LocalAiError(
          'engine-failed',
          `The provider reported: ${chunk.error.message ?? 'an error'}`,
        );
        return;
      }
      const choice = chunk.choices?.[0];
      const delta = choice?.delta?.content;
      if (delta) {
        text += delta;
        deltas++;
        onDelta(delta);
      }
      if (choice?.finish_reason) finish = choice.finish_reason;
      if (chunk.usage) usage = chunk.usage;
    },
  });
  return {
    feed(piece: string): void {
      parser.feed(piece);
      if (failure) throw failure;
    },
    end(): StreamResult {
      if (failure) throw failure;
      if (!done && !finish)
        throw new LocalAiError(
          'engine-failed',
          'The provider closed the connection before the answer was finished.',
        );
      return {
        text,
        finishReason: finish === 'length' ? 'length' : 'stop',
        promptTokens: usage?.prompt_tokens ?? 0,
        completionTokens: usage?.completion_tokens ?? deltas,
      };
    },
  };
}

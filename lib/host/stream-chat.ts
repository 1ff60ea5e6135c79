/**
 * One chat request, streamed: deltas are coalesced into chunks for the asker, and the result is
 * timed where the host sees it (queue wait, first token, decode speed).
 */
import type { ChatChunk, ChatParams, ChatResult } from '../protocol';
import type { EngineService } from '../engine/engine-runtime';
import { DeltaCoalescer } from '../engine/delta-coalescer';

export interface StreamTimes {
  enqueuedAt: number;
  startedAt: number;
  now: () => number;
}

export async function streamChat(
  chat: EngineService['chat'],
  params: ChatParams,
  signal: AbortSignal,
  sendChunk: (chunk: ChatChunk) => void,
  times: StreamTimes,
): Promise<ChatResult> {
  const { model, priority: _priority, messages, ...options } = params;
  let firstTokenAt = 0;
  const chunks = new DeltaCoalescer(sendChunk);
  signal.addEventListener('abort', () => chunks.discard());
  const result = await chat(
    model,
    { messages, ...options },
    {
      signal,
      onDelta: (delta, tokens, emittedAt) => {
        if (signal.aborted) return;
        if (!firstTokenAt) firstTokenAt = times.now();
        chunks.push(delta, tokens, emittedAt);
      },
    },
  );
  chunks.flush();
  const end = times.now();
  const decodeMs = firstTokenAt ? end - firstTokenAt : 0;
  return {
    text: result.text,
    finishReason: result.finishReason,
    model,
    usage: { promptTokens: result.promptTokens, completionTokens: result.completionTokens },
    timing: {
      queuedMs: times.startedAt - times.enqueuedAt,
      firstTokenMs: (firstTokenAt || end) - times.enqueuedAt,
      tokensPerSecond: decodeMs > 0 ? ((result.completionTokens - 1) * 1000) / decodeMs : 0,
    },
  };
}

/**
 * A test double for the engine client, for tests of what the chat does with answers (prompts,
 * fitting, summarising, labels), not of the engine: it records each chat request, counts one
 * token per `charsPerToken` characters, refuses a prompt over `window` tokens the way the engine
 * does (ContextOverflowError), and answers with what `reply` says. Never shipped: tests only.
 */
import { ContextOverflowError, type ChatParams, type EngineClient, type ModelRef } from '../../protocol';

export interface DoubleReply {
  text: string;
  /** How the text streams; the whole text in one chunk when not given. */
  chunks?: string[];
  /** The prompt's token count to report; counted from `limit` (or 100) when not given. */
  promptTokens?: number;
  /** The model that answered (a stand-in), else the one asked for. */
  model?: ModelRef;
  standInFor?: ModelRef;
}

export interface DoubleLimit {
  window: number;
  charsPerToken: number;
}

export function engineClientDouble(
  reply: (params: ChatParams, requestNumber: number) => DoubleReply,
  limit?: DoubleLimit,
): { client: EngineClient; requests: ChatParams[] } {
  const requests: ChatParams[] = [];
  const client = {
    async request(
      method: string,
      params: ChatParams,
      options?: { onChunk?: (c: { delta: string; tokens: number }) => void },
    ) {
      if (method !== 'chat') throw new Error(`The engine client double serves chat only, not ${method}.`);
      requests.push(params);
      const chars = params.messages.reduce((n, m) => n + m.content.length, 0);
      const tokens = limit ? Math.ceil(chars / limit.charsPerToken) : 100;
      if (limit && tokens > limit.window) throw ContextOverflowError.of(tokens, limit.window);
      const answer = reply(params, requests.length);
      const chunks = answer.chunks ?? [answer.text];
      for (const delta of chunks) options?.onChunk?.({ delta, tokens: 1 });
      return {
        text: answer.text,
        model: answer.model ?? params.model,
        usage: { promptTokens: answer.promptTokens ?? tokens, completionTokens: chunks.length },
        timing: { firstTokenMs: 80, tokensPerSecond: 10 },
        ...(answer.standInFor ? { standInFor: answer.standInFor } : {}),
      };
    },
  } as unknown as EngineClient;
  return { client, requests };
}

import { describe, expect, it } from 'vitest';
import { ContextOverflowError } from '../protocol';
import { contextOverflowOf } from './context-overflow';

describe('contextOverflowOf', () => {
  it("reads llama.cpp's count", () => {
    const e = contextOverflowOf(
      new Error('request (1900 tokens) exceeds the available context size (1024 tokens), try increasing it'),
    );
    expect(e).toBeInstanceOf(ContextOverflowError);
    expect([e?.promptTokens, e?.contextWindow]).toEqual([1900, 1024]);
  });

  it("reads WebLLM's ContextWindowSizeExceededError", () => {
    const error = new Error(
      'Prompt tokens exceed context window size: number of prompt tokens: 5000; context window size: 4096\nConsider shortening the prompt',
    );
    error.name = 'ContextWindowSizeExceededError';
    const e = contextOverflowOf(error);
    expect([e?.promptTokens, e?.contextWindow]).toEqual([5000, 4096]);
  });

  it('leaves other failures alone', () => {
    expect(contextOverflowOf(new Error('out of memory'))).toBeNull();
    expect(contextOverflowOf(undefined)).toBeNull();
  });
});

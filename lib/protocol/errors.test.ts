import { describe, expect, it } from 'vitest';
import {
  AbortedError,
  BadRequestError,
  ContextOverflowError,
  EngineCrashedError,
  LocalAiError,
  ModelLoadError,
  deserializeError,
  serializeError,
} from './errors';

describe('errors across contexts', () => {
  it('rebuild the same class, code and message after a JSON round trip', () => {
    for (const error of [
      new BadRequestError('bad'),
      new AbortedError(),
      new ModelLoadError('404'),
      new EngineCrashedError('gone'),
    ]) {
      const back = deserializeError(
        JSON.parse(JSON.stringify(serializeError(error))) as ReturnType<typeof serializeError>,
      );
      expect(back).toBeInstanceOf(error.constructor);
      expect(back.code).toBe(error.code);
      expect(back.message).toBe(error.message);
    }
  });

  it('turn foreign errors into internal ones and DOM aborts into aborted', () => {
    expect(serializeError(new TypeError('boom'))).toEqual({ code: 'internal', message: 'boom' });
    expect(serializeError('text')).toEqual({ code: 'internal', message: 'text' });
    expect(serializeError(new DOMException('x', 'AbortError')).code).toBe('aborted');
  });

  it('keep unknown-class codes as a LocalAiError with that code', () => {
    const back = deserializeError({ code: 'engine-failed', message: 'oom' });
    expect(back).toBeInstanceOf(LocalAiError);
    expect(back.code).toBe('engine-failed');
  });

  it("carry a context overflow with the engine's counts", () => {
    const back = deserializeError(
      JSON.parse(JSON.stringify(serializeError(ContextOverflowError.of(900, 512)))) as ReturnType<
        typeof serializeError
      >,
    );
    expect(back).toBeInstanceOf(ContextOverflowError);
    expect(back.code).toBe('context-overflow');
    expect((back as ContextOverflowError).promptTokens).toBe(900);
    expect((back as ContextOverflowError).contextWindow).toBe(512);
  });
});

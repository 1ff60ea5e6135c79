import { describe, expect, it } from 'vitest';
import { answerMessages } from './answer-messages';
import { BadRequestError, deserializeError, type SerializedError } from './errors';

type Listener = Parameters<Parameters<typeof answerMessages<string>>[0]['addListener']>[0];

/** A stand-in for runtime.onMessage that keeps the one listener so the test can call it. */
function fakeEvents() {
  const listeners: Listener[] = [];
  return { listeners, addListener: (listener: Listener) => void listeners.push(listener) };
}

function call(listener: Listener, message: unknown) {
  let resolve!: (reply: unknown) => void;
  const replied = new Promise<unknown>((r) => (resolve = r));
  const returned = listener(message, 'tab-1', resolve);
  return { returned, replied };
}

describe('answerMessages', () => {
  it('replies with what the handler resolves and keeps the channel open', async () => {
    const events = fakeEvents();
    answerMessages<string>(events, (message, sender) => Promise.resolve({ echo: message, sender }));
    expect(events.listeners).toHaveLength(1);
    const { returned, replied } = call(events.listeners[0]!, 'ping');
    expect(returned).toBe(true);
    expect(await replied).toEqual({ echo: 'ping', sender: 'tab-1' });
  });

  it('stays silent (returns undefined, never replies) when the handler declines', () => {
    const events = fakeEvents();
    answerMessages<string>(events, () => undefined);
    let replied = false;
    const returned = events.listeners[0]!('not mine', 'tab-1', () => (replied = true));
    expect(returned).toBeUndefined();
    expect(replied).toBe(false);
  });

  it('replies with a serialised error when the handler rejects', async () => {
    const events = fakeEvents();
    answerMessages<string>(events, () => Promise.reject(new BadRequestError('model not loaded')));
    const { returned, replied } = call(events.listeners[0]!, 'go');
    expect(returned).toBe(true);
    const reply = (await replied) as { ok: boolean; error: SerializedError };
    expect(reply.ok).toBe(false);
    // Plain data, so it survives structured cloning to another context and back.
    const error = deserializeError(JSON.parse(JSON.stringify(reply.error)) as SerializedError);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.message).toBe('model not loaded');
  });
});

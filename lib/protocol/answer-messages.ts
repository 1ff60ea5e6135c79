/**
 * One way to answer runtime messages asynchronously: the handler returns a promise of the
 * reply (or undefined to stay silent); the listener keeps the channel open with `true` and
 * replies through `sendResponse`, which Chrome and the polyfill both honour.
 */
import { serializeError } from './errors';

type Listener<S> = (message: unknown, sender: S, sendResponse: (reply: unknown) => void) => true | undefined;

export interface MessageEvents<S> {
  addListener(listener: Listener<S>): void;
}

export function answerMessages<S>(
  events: MessageEvents<S>,
  handler: (message: unknown, sender: S) => Promise<unknown> | undefined,
): void {
  events.addListener((message, sender, sendResponse) => {
    const reply = handler(message, sender);
    if (!reply) return undefined;
    reply.then(sendResponse, (error: unknown) => sendResponse({ ok: false, error: serializeError(error) }));
    return true;
  });
}

/**
 * The receiving side of one-shot messages (the service worker's, a content script's): the caller
 * from the browser's sender info, the method's allowed callers, its params schema, then its
 * handler, typed per method. Every outcome is a reply, never a throw, so a sender always learns
 * what went wrong.
 */
import * as v from 'valibot';
import { BadRequestError, ForbiddenError, serializeError } from './errors';
import type { Caller } from './callers';
import {
  requestSchema,
  type OneShotParams,
  type OneShotReply,
  type OneShotResult,
  type OneShotTable,
} from './one-shot';
import { callerOf, type SenderInfo } from './caller-of';

export type OneShotHandler<T extends OneShotTable, M extends keyof T> = (
  params: OneShotParams<T, M>,
  caller: Caller,
) => Promise<OneShotResult<T, M>>;
export type OneShotHandlers<T extends OneShotTable> = { readonly [M in keyof T]: OneShotHandler<T, M> };

/** Serves one message; returns the reply for runtime.onMessage. */
export async function serveOneShot<T extends OneShotTable>(
  methods: T,
  handlers: OneShotHandlers<T>,
  raw: unknown,
  sender: SenderInfo,
  extensionId: string,
): Promise<OneShotReply> {
  try {
    const caller = callerOf(sender, extensionId);
    const request = v.safeParse(requestSchema(methods), raw);
    if (!request.success) throw new BadRequestError('Malformed message.');
    const data = await serveOne(methods, handlers, request.output.method, request.output.params, caller);
    return { ok: true, data };
  } catch (error) {
    return { ok: false, error: serializeError(error) };
  }
}

async function serveOne<T extends OneShotTable, M extends keyof T & string>(
  methods: T,
  handlers: OneShotHandlers<T>,
  method: M,
  raw: unknown,
  caller: Caller,
): Promise<OneShotResult<T, M>> {
  const spec = methods[method]!;
  if (!spec.callers.includes(caller.kind)) throw new ForbiddenError(`This caller may not use ${method}.`);
  const params = v.safeParse(spec.params, raw);
  if (!params.success) throw new BadRequestError(`Invalid ${method} message.`);
  const handler: OneShotHandler<T, M> = handlers[method];
  return handler(params.output, caller);
}

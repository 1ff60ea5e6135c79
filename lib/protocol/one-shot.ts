/**
 * One-shot messages (runtime.sendMessage / tabs.sendMessage), declared like the engine host's
 * methods: params schema, result schema and who may send each, once per method. Both ends check:
 * the receiver parses params, the sender parses the reply, so nothing is cast on either side.
 */
import * as v from 'valibot';
import type { CallerKind } from './callers';
import { HostUnavailableError, SerializedErrorSchema, deserializeError, errorMessage } from './errors';

export interface OneShotSpec<P extends v.GenericSchema, R extends v.GenericSchema> {
  readonly params: P;
  readonly result: R;
  readonly callers: readonly CallerKind[];
}

export const oneShot = <P extends v.GenericSchema, R extends v.GenericSchema>(spec: OneShotSpec<P, R>) =>
  spec;

export type OneShotTable = Readonly<Record<string, OneShotSpec<v.GenericSchema, v.GenericSchema>>>;
export type OneShotParams<T extends OneShotTable, M extends keyof T> = v.InferOutput<T[M]['params']>;
export type OneShotResult<T extends OneShotTable, M extends keyof T> = v.InferOutput<T[M]['result']>;

/** What goes back: the result, or the error in its wire form. */
export const OneShotReplySchema = v.variant('ok', [
  v.strictObject({ ok: v.literal(true), data: v.unknown() }),
  v.strictObject({ ok: v.literal(false), error: SerializedErrorSchema }),
]);
export type OneShotReply = v.InferOutput<typeof OneShotReplySchema>;

/** The envelope of a request to any table; the receiver then checks the method's own params. */
export function requestSchema<T extends OneShotTable>(methods: T) {
  return v.strictObject({
    method: v.picklist(Object.keys(methods) as [keyof T & string, ...(keyof T & string)[]]),
    params: v.unknown(),
  });
}

/** runtime.sendMessage or tabs.sendMessage, bound to its target. */
export type Send = (message: unknown) => Promise<unknown>;

/**
 * Sends one message and returns its checked result.
 * @throws {HostUnavailableError} when the receiver cannot be reached or answers nonsense.
 * @throws {LocalAiError} whatever the receiver reports, rebuilt with its class.
 */
export async function callOneShot<T extends OneShotTable, M extends keyof T & string>(
  methods: T,
  send: Send,
  method: M,
  params: OneShotParams<T, M>,
): Promise<OneShotResult<T, M>> {
  let raw: unknown;
  try {
    raw = await send({ method, params });
  } catch (error) {
    throw new HostUnavailableError(`Could not reach the other side for ${method}: ${errorMessage(error)}`);
  }
  const reply = v.safeParse(OneShotReplySchema, raw);
  if (!reply.success) throw new HostUnavailableError(`No usable answer to ${method}.`);
  if (!reply.output.ok) throw deserializeError(reply.output.error);
  const data = v.safeParse(methods[method]!.result, reply.output.data);
  if (!data.success) throw new HostUnavailableError(`The answer to ${method} is malformed.`);
  return data.output;
}

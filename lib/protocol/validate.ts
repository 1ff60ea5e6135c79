import * as v from 'valibot';
import { BadRequestError } from './errors';
import {
  ClientMessageSchema,
  METHODS,
  type ClientMessage,
  type MethodName,
  type RequestMessage,
} from './methods';

function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path?.map((p) => String(p.key)).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/**
 * Checks a raw Port message and returns it typed.
 * @throws {BadRequestError} when the envelope or the method's params are malformed.
 */
export function parseClientMessage(raw: unknown): ClientMessage {
  const message = parseEnvelope(raw);
  return message.type === 'cancel' ? message : parseRequest(message.method, message.id, message.params);
}

/**
 * Checks a raw Port message's envelope only (type, id, a known method), so the host can refuse a
 * caller before it reads the params.
 * @throws {BadRequestError} when the envelope is malformed.
 */
export function parseEnvelope(raw: unknown): v.InferOutput<typeof ClientMessageSchema> {
  const envelope = v.safeParse(ClientMessageSchema, raw);
  if (!envelope.success) {
    throw new BadRequestError(`Malformed message: ${describeIssues(envelope.issues)}`);
  }
  return envelope.output;
}

/**
 * Checks `params` against `method`'s declared schema: the one place a request gets its static type.
 * @throws {BadRequestError} when the params do not match.
 */
export function parseRequest<M extends MethodName>(method: M, id: string, raw: unknown): RequestMessage<M> {
  const params = v.safeParse(METHODS[method].params, raw);
  if (!params.success) {
    throw new BadRequestError(`Invalid ${method} request: ${describeIssues(params.issues)}`);
  }
  return { type: 'request', id, method, params: params.output } as RequestMessage<M>;
}

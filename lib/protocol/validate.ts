import * as v from 'valibot';
import { BadRequestError, LocalAiError } from './errors';
import type { ClientMessage } from './messages';
import { ClientMessageSchema, PARAMS_SCHEMAS } from './schema';

/** What the host knows of who is on the other end of a Port. */
export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: { id?: number };
}

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
  const envelope = v.safeParse(ClientMessageSchema, raw);
  if (!envelope.success) {
    throw new BadRequestError(`Malformed message: ${describeIssues(envelope.issues)}`);
  }
  const message = envelope.output;
  if (message.type === 'cancel') return message;
  const params = v.safeParse(PARAMS_SCHEMAS[message.method], message.params);
  if (!params.success) {
    throw new BadRequestError(`Invalid ${message.method} request: ${describeIssues(params.issues)}`);
  }
  return { ...message, params: params.output } as ClientMessage;
}

/**
 * Only this extension's own contexts (its pages and its content scripts) may use the engine.
 * @throws {LocalAiError} code 'forbidden' for anyone else.
 */
export function assertTrustedSender(sender: SenderInfo | undefined, extensionId: string): void {
  if (!sender || sender.id !== extensionId) {
    throw new LocalAiError('forbidden', 'Only Local AI itself may use its engine.');
  }
}

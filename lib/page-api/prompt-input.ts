/**
 * The Prompt API's inputs, as a page may write them, turned into the plain messages the protocol
 * carries: a string, or messages whose content is a string or a list of `{ type: 'text', value }`
 * parts. Other modalities (images, audio) and misplaced system prompts are refused with the
 * Prompt API's error names; sizes over the channel's caps are refused here, before anything is sent.
 */
import {
  MAX_PAGE_INPUT_CHARS,
  MAX_PAGE_MESSAGE_CHARS,
  MAX_PAGE_MESSAGES,
  MAX_SCHEMA_CHARS,
  type PageMessage,
} from '../protocol';

const ROLES = new Set(['system', 'user', 'assistant']);

/**
 * @throws {TypeError} input of the wrong type.
 * @throws {DOMException} NotSupportedError for non-text content or a system prompt where only
 *   initialPrompts may have one; QuotaExceededError for input over the caps.
 */
export function toMessages(input: unknown, where: 'prompt' | 'initialPrompts'): PageMessage[] {
  if (typeof input === 'string') return capped([{ role: 'user', content: input }]);
  if (!Array.isArray(input)) throw new TypeError(`${where} must be a string or an array of messages.`);
  const messages = input.map((item: unknown, i): PageMessage => {
    if (typeof item !== 'object' || item === null) throw new TypeError(`${where}[${i}] is not a message.`);
    const { role = 'user', content } = item as { role?: unknown; content?: unknown };
    if (typeof role !== 'string' || !ROLES.has(role))
      throw new TypeError(`${where}[${i}].role must be "system", "user" or "assistant".`);
    if (role === 'system' && (where === 'prompt' || i > 0))
      throw new DOMException('A system prompt may only be the first of initialPrompts.', 'NotSupportedError');
    return { role: role as PageMessage['role'], content: textOf(content, `${where}[${i}]`) };
  });
  return capped(messages);
}

function textOf(content: unknown, at: string): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) throw new TypeError(`${at}.content must be a string or a list of parts.`);
  return content
    .map((part: unknown) => {
      const { type, value } = (part ?? {}) as { type?: unknown; value?: unknown };
      if (type !== 'text')
        throw new DOMException(`Local AI's model reads text only, not ${String(type)}.`, 'NotSupportedError');
      if (typeof value !== 'string') throw new TypeError(`${at}: a text part's value must be a string.`);
      return value;
    })
    .join('');
}

function capped(messages: PageMessage[]): PageMessage[] {
  const total = messages.reduce((n, m) => n + m.content.length, 0);
  if (
    messages.length > MAX_PAGE_MESSAGES ||
    total > MAX_PAGE_INPUT_CHARS ||
    messages.some((m) => m.content.length > MAX_PAGE_MESSAGE_CHARS)
  ) {
    throw new DOMException(
      `The input is too large for Local AI (at most ${MAX_PAGE_MESSAGES} messages, ${MAX_PAGE_MESSAGE_CHARS} characters each, ${MAX_PAGE_INPUT_CHARS} in all).`,
      'QuotaExceededError',
    );
  }
  return messages;
}

/**
 * A `responseConstraint` as JSON text for the host, which checks what the grammar can enforce.
 * @throws {DOMException} NotSupportedError for a RegExp, a value that is not JSON, or one too large.
 */
export function schemaText(constraint: unknown): string | undefined {
  if (constraint === undefined || constraint === null) return undefined;
  if (constraint instanceof RegExp)
    throw new DOMException(
      'responseConstraint: regular expressions are not supported; use a JSON schema.',
      'NotSupportedError',
    );
  let text: string | undefined;
  try {
    text = JSON.stringify(constraint);
  } catch {
    text = undefined;
  }
  if (typeof constraint !== 'object' || !text || text.length > MAX_SCHEMA_CHARS)
    throw new DOMException(
      `responseConstraint must be a JSON schema object of at most ${MAX_SCHEMA_CHARS} characters.`,
      'NotSupportedError',
    );
  return text;
}

/**
 * The page API's sessions, kept in the host: each belongs to one page (its Port) and its origin,
 * holds its conversation (so the engine sees the same prefix each turn and can reuse it), and is
 * capped per origin. A session's input quota is the model's window minus room for the answer;
 * when a turn would not fit, the oldest turns after the system prompt are dropped, as the Prompt
 * API does, and the caller is told so it can fire `quotaoverflow`.
 */
import {
  InvalidStateError,
  QuotaError,
  type ModelRef,
  type PageMessage,
  type PageSessionInfo,
  type PageUsage,
} from '../protocol';
import { DEFAULT_CONTEXT_WINDOW } from '../models/default-models';

/** Sessions one origin may hold at once, across its tabs: a page that leaks them is told, not the host. */
export const MAX_SESSIONS_PER_ORIGIN = 16;
/** Tokens a message costs beyond its text (role markers of the chat template). */
const MESSAGE_OVERHEAD = 4;
/** Characters per token until the engine has counted a session's prompt: low, so estimates err high. */
const FIRST_CHARS_PER_TOKEN = 3;

export interface PageSession {
  readonly id: string;
  readonly origin: string;
  readonly clientId: number;
  readonly model: ModelRef;
  readonly temperature: number;
  readonly topK: number;
  readonly inputQuota: number;
  /** Tokens kept free for the answer; also the answer's max_tokens. */
  readonly outputReserve: number;
  messages: PageMessage[];
  /** Learnt from the engine's own prompt-token counts. */
  charsPerToken: number;
  /** The session's turns run one after another (a second prompt waits for the first). */
  tail: Promise<unknown>;
}

export interface NewSession {
  origin: string;
  clientId: number;
  model: ModelRef;
  temperature: number;
  topK: number;
  messages: PageMessage[];
}

/** What a turn sends: the history that fits with the new input, and whether turns were dropped. */
export interface Plan {
  messages: PageMessage[];
  overflowed: boolean;
}

export class PageSessions {
  private readonly sessions = new Map<string, PageSession>();

  constructor(private readonly newId: () => string = () => crypto.randomUUID()) {}

  /**
   * Opens a session holding `init.messages`.
   * @throws {QuotaError} the origin holds MAX_SESSIONS_PER_ORIGIN already, or the initial prompts do not fit.
   */
  create(init: NewSession): PageSession {
    this.ensureRoom(init.origin);
    const window = init.model.contextWindow ?? DEFAULT_CONTEXT_WINDOW[init.model.engine];
    const outputReserve = Math.min(512, Math.floor(window / 4));
    const session: PageSession = {
      id: this.newId(),
      origin: init.origin,
      clientId: init.clientId,
      model: init.model,
      temperature: init.temperature,
      topK: init.topK,
      inputQuota: window - outputReserve,
      outputReserve,
      messages: [],
      charsPerToken: FIRST_CHARS_PER_TOKEN,
      tail: Promise.resolve(),
    };
    if (estimate(session, init.messages) > session.inputQuota)
      throw tooLarge(estimate(session, init.messages), session.inputQuota);
    session.messages = [...init.messages];
    this.sessions.set(session.id, session);
    return session;
  }

  /**
   * The session `id` of this page.
   * @throws {InvalidStateError} destroyed, never created, or another page's.
   */
  get(id: string, origin: string, clientId: number): PageSession {
    const session = this.sessions.get(id);
    if (!session || session.origin !== origin || session.clientId !== clientId)
      throw new InvalidStateError('This session was destroyed (or never existed); create a new one.');
    return session;
  }

  /** @throws {QuotaError} as create. */
  clone(session: PageSession): PageSession {
    this.ensureRoom(session.origin);
    const copy: PageSession = {
      ...session,
      id: this.newId(),
      messages: [...session.messages],
      tail: Promise.resolve(),
    };
    this.sessions.set(copy.id, copy);
    return copy;
  }

  destroy(id: string): void {
    this.sessions.delete(id);
  }

  /** The page went away (navigated, closed): its sessions go with it. */
  forgetClient(clientId: number): void {
    for (const [id, s] of this.sessions) if (s.clientId === clientId) this.sessions.delete(id);
  }

  count(origin: string): number {
    let n = 0;
    for (const s of this.sessions.values()) if (s.origin === origin) n++;
    return n;
  }

  /** @throws {QuotaError} when `origin` may open no more sessions. */
  ensureRoom(origin: string): void {
    if (this.count(origin) >= MAX_SESSIONS_PER_ORIGIN)
      throw new QuotaError(
        `This site already has ${MAX_SESSIONS_PER_ORIGIN} sessions open; destroy() the ones it no longer needs.`,
      );
  }
}

/** Estimated tokens of `messages` in `session`'s model. */
export function estimate(session: Pick<PageSession, 'charsPerToken'>, messages: PageMessage[]): number {
  return messages.reduce(
    (n, m) => n + Math.ceil(m.content.length / session.charsPerToken) + MESSAGE_OVERHEAD,
    0,
  );
}

/**
 * The history to send with `input`: everything if it fits the quota, else the system prompt and
 * the newest turns that do.
 * @throws {QuotaError} the input (with the system prompt) is larger than the quota on its own.
 */
export function plan(session: PageSession, input: PageMessage[]): Plan {
  const pinned = leadingSystem(session.messages);
  let rest = session.messages.slice(pinned.length);
  const fixed = estimate(session, [...pinned, ...input]);
  if (fixed > session.inputQuota) throw tooLarge(fixed, session.inputQuota);
  let overflowed = false;
  while (rest.length && fixed + estimate(session, rest) > session.inputQuota) {
    rest = rest.slice(1);
    overflowed = true;
  }
  return { messages: [...pinned, ...rest, ...input], overflowed };
}

/**
 * `messages` as the session keeps them after a turn: the oldest turns after the system prompt
 * dropped until they fit the quota (the newest message always stays).
 */
export function fit(session: PageSession, messages: PageMessage[]): Plan {
  const pinned = leadingSystem(messages);
  let rest = messages.slice(pinned.length);
  let overflowed = false;
  while (rest.length > 1 && estimate(session, [...pinned, ...rest]) > session.inputQuota) {
    rest = rest.slice(1);
    overflowed = true;
  }
  return { messages: [...pinned, ...rest], overflowed };
}

/** Learns the session's characters per token from the engine's exact count of `sent`. */
export function learn(session: PageSession, sent: PageMessage[], promptTokens: number): void {
  const overhead = sent.length * MESSAGE_OVERHEAD;
  const chars = sent.reduce((n, m) => n + m.content.length, 0);
  if (promptTokens > overhead && chars > 0)
    session.charsPerToken = Math.min(8, Math.max(0.5, chars / (promptTokens - overhead)));
}

export function usageOf(session: PageSession, overflowed: boolean): PageUsage {
  return { inputUsage: estimate(session, session.messages), overflowed };
}

export function infoOf(session: PageSession): PageSessionInfo {
  return {
    sessionId: session.id,
    inputUsage: estimate(session, session.messages),
    inputQuota: session.inputQuota,
    temperature: session.temperature,
    topK: session.topK,
  };
}

function leadingSystem(messages: PageMessage[]): PageMessage[] {
  const end = messages.findIndex((m) => m.role !== 'system');
  return end < 0 ? messages : messages.slice(0, end);
}

function tooLarge(tokens: number, quota: number): QuotaError {
  return new QuotaError(
    `The input needs about ${tokens} tokens and this session holds ${quota}; send less text or split it.`,
  );
}

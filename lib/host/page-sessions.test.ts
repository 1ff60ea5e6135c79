import { describe, expect, it } from 'vitest';
import { MAX_SESSIONS_PER_ORIGIN, PageSessions, estimate, fit, learn, plan } from './page-sessions';
import type { ModelRef, PageMessage } from '../protocol';

const model: ModelRef = { engine: 'wllama', id: 'm', url: 'https://x/m.gguf', contextWindow: 400 };
const msg = (role: PageMessage['role'], n: number): PageMessage => ({ role, content: 'x'.repeat(n) });

function session(messages: PageMessage[] = []) {
  let n = 0;
  const sessions = new PageSessions(() => `s${++n}`);
  const s = sessions.create({ origin: 'https://a', clientId: 1, model, temperature: 1, topK: 3, messages });
  return { sessions, s };
}

describe('page sessions', () => {
  it('gives the model window minus room for the answer as the quota', () => {
    const { s } = session();
    expect(s.outputReserve).toBe(100);
    expect(s.inputQuota).toBe(300);
  });

  it('keeps the system prompt and the newest turns when a turn does not fit', () => {
    const { s } = session([msg('system', 30), msg('user', 300), msg('assistant', 300), msg('user', 150)]);
    s.messages = [msg('system', 30), msg('user', 300), msg('assistant', 300), msg('user', 150)];
    const { messages, overflowed } = plan(s, [msg('user', 300)]);
    expect(overflowed).toBe(true);
    expect(messages[0]!.role).toBe('system');
    expect(messages.at(-1)!.content.length).toBe(300);
    expect(estimate(s, messages)).toBeLessThanOrEqual(s.inputQuota);
  });

  it('refuses an input larger than the quota on its own, and initial prompts that do not fit', () => {
    const { s } = session();
    expect(() => plan(s, [msg('user', 5000)])).toThrow(/about \d+ tokens/);
    expect(() => session([msg('system', 5000)])).toThrow(/this session holds 300/);
  });

  it("learns characters per token from the engine's count", () => {
    const { s } = session();
    learn(s, [msg('user', 400)], 104);
    expect(s.charsPerToken).toBe(4);
    learn(s, [msg('user', 10)], 2); // fewer tokens than the overhead: ignored
    expect(s.charsPerToken).toBe(4);
  });

  it('scopes sessions to their origin and page, caps them per origin, and forgets a page that went', () => {
    const { sessions, s } = session();
    expect(() => sessions.get(s.id, 'https://b', 1)).toThrow(/destroyed/);
    expect(() => sessions.get(s.id, 'https://a', 2)).toThrow(/destroyed/);
    for (let i = 1; i < MAX_SESSIONS_PER_ORIGIN; i++) sessions.clone(s);
    expect(() => sessions.clone(s)).toThrow(/already has 16 sessions/);
    sessions.forgetClient(1);
    expect(sessions.count('https://a')).toBe(0);
  });
});

describe('fit', () => {
  it('drops the oldest turns after the system prompt until the history fits, keeping the newest', () => {
    const { s } = session();
    const kept = fit(s, [msg('system', 30), msg('user', 400), msg('assistant', 400), msg('user', 200)]);
    expect(kept.overflowed).toBe(true);
    expect(kept.messages.map((m) => m.content.length)).toEqual([30, 400, 200]);
    expect(fit(s, [msg('user', 30)])).toEqual({ messages: [msg('user', 30)], overflowed: false });
  });
});

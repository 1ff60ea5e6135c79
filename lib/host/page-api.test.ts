/**
 * The page API in the real router, with the synthetic engine (a test double) behind it: web pages
 * are their own kind of caller, sessions are scoped to the page and its origin, and consent,
 * revocation, caps, the rate limit and malformed schemas each get their documented error.
 */
import { describe, expect, it } from 'vitest';
import { PAGE_API_PORT, type ModelRef, type PageAccess } from '../protocol';
import { PANEL, pageSender, testRouter } from './test-router';
import type { TrustedSettings } from './page-policy';

const synthetic: ModelRef = { engine: 'synthetic', id: 'synthetic-50000' };
const A = 'https://a.example';
const B = 'https://b.example';

/** The user's decisions, as the service worker would read them (a test double of trusted storage). */
function decisions(initial: Record<string, PageAccess['access']> = {}) {
  const access = { ...initial };
  const asked: string[] = [];
  const settings: TrustedSettings = {
    chosenModels: async () => [],
    consented: async () => false,
    pageAccess: async (origin, ask) => {
      if (ask && !access[origin]) asked.push(origin);
      return { access: access[origin] ?? 'undecided', providers: false, model: synthetic };
    },
  };
  return { settings, access, asked };
}

function setup(initial: Record<string, PageAccess['access']> = { [A]: 'allowed' }) {
  const user = decisions(initial);
  // A clock the test moves, for the rate limit.
  const clock = { t: 0 };
  const { connect, router } = testRouter({ settings: user.settings, now: () => clock.t });
  const page = (origin = A, tabId = 5, frameId = 0) =>
    connect(pageSender(origin, tabId, frameId), PAGE_API_PORT);
  return { user, page, connect, router, clock };
}

const ask = (content: string) => [{ role: 'user' as const, content }];

describe('the page API in the host', () => {
  it('tags a page Port as a web page that may use the page methods only', async () => {
    const { page, connect } = setup();
    const { client, statuses } = page();
    await expect(client.request('status', {})).rejects.toMatchObject({ code: 'forbidden' });
    await expect(client.request('chat', { model: synthetic, messages: ask('hi') })).rejects.toMatchObject({
      code: 'forbidden',
    });
    // Neither a content script on the engine Port nor the panel may use the page methods.
    const content = connect(pageSender(A)).client;
    await expect(content.request('page.params', {})).rejects.toMatchObject({ code: 'forbidden' });
    await expect(connect(PANEL).client.request('page.params', {})).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(client.request('page.params', {})).resolves.toMatchObject({ maxTopK: 128 });
    // The host's status (downloads, clients, models) is for Local AI's own pages only.
    await connect(PANEL).client.request('status', {});
    expect(statuses).toEqual([]);
  });

  it("refuses frames inside a page, and Local AI's own pages, on the page API Port", async () => {
    // Why, in words, is tested with webPageCallerOf (lib/protocol/caller-of.test.ts); the Port is closed.
    const { page, connect } = setup();
    await expect(page(A, 5, 3).client.request('page.params', {})).rejects.toMatchObject({
      code: 'host-unavailable',
    });
    await expect(connect(PANEL, PAGE_API_PORT).client.request('page.params', {})).rejects.toMatchObject({
      code: 'host-unavailable',
    });
    await expect(page(A, 5, 0).client.request('page.params', {})).resolves.toBeTruthy();
  });

  it('asks the user for an undecided site, refuses a denied one, and serves an allowed one', async () => {
    const { page, user } = setup({ [B]: 'denied', [A]: 'allowed' });
    const undecided = page('https://new.example').client;
    await expect(undecided.request('page.create', {})).rejects.toMatchObject({ code: 'consent-required' });
    expect(user.asked).toEqual(['https://new.example']);
    await expect(page(B).client.request('page.create', {})).rejects.toMatchObject({
      code: 'consent-required',
      message: expect.stringContaining('has not allowed'),
    });
    await expect(page(B).client.request('page.availability', {})).resolves.toEqual({
      availability: 'unavailable',
    });
    const { client } = page(A);
    const progress: number[] = [];
    const info = await client.request('page.create', {}, { onChunk: (c) => progress.push(c.progress) });
    expect(progress.at(-1)).toBe(1);
    expect(info).toMatchObject({ inputUsage: 0, inputQuota: 3584, topK: 40 });
    const chunks: string[] = [];
    const answer = await client.request(
      'page.prompt',
      { sessionId: info.sessionId, input: ask('hello') },
      { onChunk: (c) => chunks.push(c.delta) },
    );
    expect(answer.text).toBe(chunks.join(''));
    expect(answer.inputUsage).toBeGreaterThan(0);
    await expect(client.request('page.availability', {})).resolves.toEqual({ availability: 'available' });
  });

  it("keeps each session's history, and a revoked site is refused on its next request", async () => {
    const { page, user } = setup();
    const { client } = page();
    const { sessionId } = await client.request('page.create', {
      initialPrompts: [{ role: 'system', content: 'Be brief.' }],
    });
    const first = await client.request('page.prompt', { sessionId, input: ask('one') });
    const second = await client.request('page.prompt', { sessionId, input: ask('two') });
    expect(second.inputUsage).toBeGreaterThan(first.inputUsage);
    const copy = await client.request('page.clone', { sessionId });
    expect(copy.inputUsage).toBe(second.inputUsage);
    user.access[A] = 'undecided';
    await expect(client.request('page.prompt', { sessionId, input: ask('three') })).rejects.toMatchObject({
      code: 'consent-required',
    });
    await expect(client.request('page.append', { sessionId, input: ask('x') })).rejects.toMatchObject({
      code: 'consent-required',
    });
  });

  it('scopes sessions to their page: another tab, another origin or a destroyed session get invalid-state', async () => {
    const { page } = setup({ [A]: 'allowed', [B]: 'allowed' });
    const owner = page(A, 5).client;
    const { sessionId } = await owner.request('page.create', {});
    for (const other of [page(A, 6).client, page(B, 7).client])
      await expect(other.request('page.prompt', { sessionId, input: ask('x') })).rejects.toMatchObject({
        code: 'invalid-state',
      });
    await owner.request('page.destroy', { sessionId });
    await expect(owner.request('page.prompt', { sessionId, input: ask('x') })).rejects.toMatchObject({
      code: 'invalid-state',
    });
  });

  it("drops a page's sessions when its Port goes (navigation), caps sessions per origin, and keeps serving", async () => {
    const { page, clock } = setup();
    const first = page();
    for (let i = 0; i < 16; i++) await first.client.request('page.create', {});
    await expect(first.client.request('page.create', {})).rejects.toMatchObject({ code: 'quota-exceeded' });
    // Thousands more are refused at once, and the host still answers.
    const many = await Promise.allSettled(
      Array.from({ length: 2000 }, () => first.client.request('page.create', {})),
    );
    expect(many.every((r) => r.status === 'rejected')).toBe(true);
    first.port.disconnect();
    clock.t += 60_000;
    const next = page(A, 8).client;
    await expect(next.request('page.create', {})).resolves.toMatchObject({ inputQuota: 3584 });
  });

  it('limits the rate of requests per site', async () => {
    const { page, clock } = setup({ [A]: 'allowed', [B]: 'allowed' });
    const { client } = page(A);
    // One after another (at most 16 may be in flight at once): the burst of 30 runs out.
    const results: PromiseSettledResult<unknown>[] = [];
    for (let i = 0; i < 40; i++)
      results.push(
        await client.request('page.params', {}).then(
          (value) => ({ status: 'fulfilled' as const, value }),
          (reason: unknown) => ({ status: 'rejected' as const, reason }),
        ),
      );
    const limited = results.filter((r) => r.status === 'rejected');
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]).toMatchObject({ reason: { code: 'rate-limited' } });
    // Another site has its own allowance, and this one's comes back with time.
    await expect(page(B).client.request('page.params', {})).resolves.toBeTruthy();
    await expect(client.request('page.params', {})).rejects.toMatchObject({ code: 'rate-limited' });
    clock.t += 1000;
    await expect(client.request('page.params', {})).resolves.toBeTruthy();
  });

  it('refuses inputs larger than the quota, and drops old turns to fit, saying so', async () => {
    const { page } = setup();
    const { client } = page();
    const { sessionId, inputQuota } = await client.request('page.create', {});
    await expect(
      client.request('page.prompt', { sessionId, input: ask('x'.repeat(60_000)) }),
    ).rejects.toMatchObject({ code: 'quota-exceeded', message: expect.stringContaining('tokens') });
    const chunk = 'y'.repeat(4000);
    let last = { inputUsage: 0, overflowed: false };
    for (let i = 0; i < 4; i++) last = await client.request('page.append', { sessionId, input: ask(chunk) });
    expect(last.overflowed).toBe(true);
    expect(last.inputUsage).toBeLessThanOrEqual(inputQuota);
    await expect(
      client.request('page.create', { initialPrompts: ask('z'.repeat(60_000)) }),
    ).rejects.toMatchObject({ code: 'quota-exceeded' });
  });

  it('refuses response schemas the grammar cannot enforce, and a constrained answer cut off at the length limit', async () => {
    const { page } = setup();
    const { client } = page();
    const { sessionId } = await client.request('page.create', {});
    for (const schema of ['{not json', '[]', JSON.stringify({ not: { type: 'string' } })])
      await expect(
        client.request('page.prompt', { sessionId, input: ask('x'), responseConstraint: schema }),
      ).rejects.toMatchObject({ code: 'not-supported' });
    // The synthetic engine ignores grammars and writes to the length limit: a constrained answer
    // cut off there is refused rather than returned as broken JSON (real grammars: page-api.spec.ts).
    await expect(
      client.request('page.prompt', {
        sessionId,
        input: ask('x'),
        responseConstraint: JSON.stringify({ type: 'object', properties: { ok: { type: 'boolean' } } }),
      }),
    ).rejects.toMatchObject({ code: 'engine-failed', message: expect.stringContaining('length limit') });
  });
});

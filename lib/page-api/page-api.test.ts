/**
 * The page API end to end inside one process: the page's script (installPageApi) and the content
 * script's bridge (acceptPageApi) over a real MessageChannel, the bridge's Port to the real router
 * (in-memory Port pair, a test double of runtime.Port) and the synthetic engine (a test double).
 * The window is a stand-in too: Node has no DOM window, and only postMessage and events are used.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PAGE_API_PORT, type ModelRef, type PageAccess } from '../protocol';
import { memoryPortPair } from '../host/memory-port';
import { pageSender, testRouter } from '../host/test-router';
import { installPageApi } from './install';
import { acceptPageApi } from './content-bridge';
import { HANDOVER } from './channel-messages';
import type { languageModelClass } from './language-model';

const synthetic: ModelRef = { engine: 'synthetic', id: 'synthetic-50000' };
const ORIGIN = 'https://a.example';
type Api = { LanguageModel: ReturnType<typeof languageModelClass> };

/** A window stand-in: postMessage dispatches a message event from itself, with the transferred ports. */
function fakeWindow() {
  const top: { top: unknown } = { top: null };
  const win = Object.assign(new EventTarget(), top, {
    postMessage(data: unknown, _origin: string, ports: MessagePort[] = []) {
      setTimeout(() => win.dispatchEvent(Object.assign(new Event('message'), { data, source: win, ports })));
    },
  });
  win.top = win;
  return win;
}

const ports: MessagePort[] = [];
afterEach(() => ports.splice(0).forEach((p) => p.close()));

function setup(access: PageAccess['access'] = 'allowed', installGlobal = false, existing?: unknown) {
  const decision = { access };
  const { router } = testRouter({
    settings: {
      chosenModels: async () => [],
      consented: async () => false,
      pageAccess: async () => ({ access: decision.access, providers: false, model: synthetic }),
    },
  });
  const win = fakeWindow();
  if (existing) Object.assign(win, { LanguageModel: existing });
  acceptPageApi(win as never, {
    transport: {
      ensureHost: async () => {},
      connect: () => {
        const { client, host } = memoryPortPair(PAGE_API_PORT, pageSender(ORIGIN));
        router.connect(host);
        return client;
      },
    },
    installGlobal: async () => installGlobal,
  });
  // Keep the ports closable: the page's end is made inside installPageApi.
  const post = win.postMessage.bind(win);
  win.postMessage = (data, origin, transfer = []) => {
    ports.push(...transfer);
    post(data, origin, transfer);
  };
  installPageApi(win as never);
  const api = (win as unknown as { localAI: Api }).localAI;
  return { api, win, decision, router };
}

describe('the page API through its private channel', () => {
  it('creates a session, prompts and streams from the model, and keeps the history', async () => {
    const { api } = setup();
    expect(await api.LanguageModel.availability()).toBe('downloadable');
    expect(await api.LanguageModel.params()).toMatchObject({ defaultTopK: 40, maxTopK: 128 });
    const progress: number[] = [];
    const session = await api.LanguageModel.create({
      initialPrompts: [{ role: 'system', content: 'Be brief.' }],
      monitor: (m) =>
        m.addEventListener('downloadprogress', (e) =>
          progress.push((e as Event & { loaded: number }).loaded),
        ),
    });
    expect(progress.at(-1)).toBe(1);
    expect(await api.LanguageModel.availability()).toBe('available');
    const before = session.inputUsage;
    const text = await session.prompt('Hello');
    expect(text.length).toBeGreaterThan(0);
    expect(session.inputUsage).toBeGreaterThan(before);
    const chunks: string[] = [];
    for await (const chunk of session.promptStreaming([
      { role: 'user', content: [{ type: 'text', value: 'More' }] },
    ]))
      chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(0);
    const copy = await session.clone();
    expect(copy.inputUsage).toBe(session.inputUsage);
    expect(await session.measureInputUsage('four')).toBeGreaterThan(0);
  });

  it("rejects with the Prompt API's DOMException names", async () => {
    const { api, decision } = setup('undecided');
    await expect(api.LanguageModel.create()).rejects.toMatchObject({ name: 'NotAllowedError' });
    decision.access = 'allowed';
    const session = await api.LanguageModel.create();
    await expect(session.prompt('x'.repeat(70_000))).rejects.toMatchObject({ name: 'QuotaExceededError' });
    await expect(session.prompt('y'.repeat(20_000))).rejects.toMatchObject({
      name: 'QuotaExceededError',
      message: expect.stringContaining('tokens'),
    });
    await expect(
      session.prompt([{ role: 'user', content: [{ type: 'image', value: {} }] }]),
    ).rejects.toMatchObject({
      name: 'NotSupportedError',
    });
    await expect(session.prompt('x', { responseConstraint: /a+/ })).rejects.toMatchObject({
      name: 'NotSupportedError',
    });
    await expect(session.prompt('x', { responseConstraint: { not: {} } })).rejects.toMatchObject({
      name: 'NotSupportedError',
      message: expect.stringContaining('"not"'),
    });
    await expect(session.prompt(42)).rejects.toBeInstanceOf(TypeError);
    await expect(api.LanguageModel.create({ temperature: 9 })).rejects.toMatchObject({ name: 'DataError' });
    const controller = new AbortController();
    const pending = session.prompt('stop me', { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    decision.access = 'denied';
    await expect(session.prompt('after revocation')).rejects.toMatchObject({ name: 'NotAllowedError' });
    session.destroy();
    await expect(session.prompt('x')).rejects.toMatchObject({ name: 'InvalidStateError' });
  });

  it('fires quotaoverflow when old turns are dropped to fit', async () => {
    const { api } = setup();
    const session = await api.LanguageModel.create();
    const heard = { listener: 0, attribute: 0 };
    session.addEventListener('quotaoverflow', () => heard.listener++);
    session.onquotaoverflow = () => heard.attribute++;
    for (let i = 0; i < 4; i++) await session.append('z'.repeat(4000));
    // The third and fourth appends no longer fit beside the turns before them.
    expect(heard).toEqual({ listener: 2, attribute: 2 });
    expect(session.inputUsage).toBeLessThanOrEqual(session.inputQuota);
  });

  it('installs window.LanguageModel only when the user chose so and the browser has none', async () => {
    const off = setup('allowed', false);
    await off.api.LanguageModel.params();
    expect('LanguageModel' in off.win).toBe(false);
    const on = setup('allowed', true);
    await expect
      .poll(() => (on.win as unknown as { LanguageModel?: unknown }).LanguageModel)
      .toBe(on.api.LanguageModel);
    const browsers = { builtIn: true };
    const kept = setup('allowed', true, browsers);
    await kept.api.LanguageModel.params();
    expect((kept.win as unknown as { LanguageModel: unknown }).LanguageModel).toBe(browsers);
  });

  it('takes only the first handover from its own window', async () => {
    const { api, win } = setup();
    const { port1, port2 } = new MessageChannel();
    ports.push(port1, port2);
    const heard: unknown[] = [];
    port1.onmessage = (e) => heard.push(e.data);
    await api.LanguageModel.params();
    // A second handover, as a page's script could post one: ignored.
    win.dispatchEvent(Object.assign(new Event('message'), { data: HANDOVER, source: win, ports: [port2] }));
    port1.postMessage({ type: 'call', id: 1, method: 'page.params', params: {} });
    await new Promise((r) => setTimeout(r, 50));
    expect(heard).toEqual([]);
  });
});

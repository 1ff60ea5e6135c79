import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { ACTIONS } from './index';

const here = dirname(fileURLToPath(import.meta.url));
const NOT_ACTIONS = new Set(['index.ts', 'types.ts', 'register.ts', 'panel-task.ts']);
const actionFiles = readdirSync(here).filter(
  (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !NOT_ACTIONS.has(f),
);
const readme = readFileSync(join(here, '../../README.md'), 'utf8');

function fakeServices(tableIndex: number | null = null) {
  const order: string[] = [];
  return {
    order,
    tellTab: vi.fn(async () => {}),
    openSidePanel: vi.fn(async () => void order.push('open')),
    askTab: vi.fn(async () => {
      order.push('ask');
      return { index: tableIndex } as never;
    }),
    setPanelRequest: vi.fn(async () => void order.push('request')),
  };
}

describe('user actions', () => {
  it('lists every action file exactly once, with id = file name', () => {
    expect(ACTIONS.map((a) => `${a.id}.ts`).sort()).toEqual(actionFiles.sort());
    expect(new Set(ACTIONS.map((a) => a.id)).size).toBe(ACTIONS.length);
  });

  it.each(ACTIONS.map((a) => [a.id, a] as const))('documents %s in the README', (id) => {
    expect(readme).toContain(`\`${id}\``);
  });

  it("explain-selection asks the tab's content script; open-panel opens the panel", async () => {
    const services = fakeServices();
    await ACTIONS.find((a) => a.id === 'explain-selection')!.run({ tabId: 7 }, services);
    expect(services.tellTab).toHaveBeenCalledWith(7, 'explain-selection', {});
    await ACTIONS.find((a) => a.id === 'open-panel')!.run({ tabId: 7 }, services);
    expect(services.openSidePanel).toHaveBeenCalledWith(7);
  });

  it.each(['explain', 'summarise', 'translate', 'rewrite', 'ask-about', 'summarise-page'])(
    '%s opens the panel at once and leaves it the task',
    async (id) => {
      const services = fakeServices();
      await ACTIONS.find((a) => a.id === id)!.run({ tabId: 3, selectionText: 'some text' }, services);
      expect(services.order[0]).toBe('open');
      expect(services.setPanelRequest).toHaveBeenCalledWith(
        expect.objectContaining({ view: 'chat', tabId: 3, selection: 'some text' }),
      );
    },
  );

  it('ask-about-pdf opens the panel at once and leaves it the right-clicked PDF', async () => {
    const services = fakeServices();
    const action = ACTIONS.find((a) => a.id === 'ask-about-pdf')!;
    expect(action.contexts).toEqual(['link']);
    await action.run({ tabId: 4, linkUrl: 'http://127.0.0.1:8000/report.pdf' }, services);
    expect(services.order).toEqual(['open', 'request']);
    expect(services.setPanelRequest).toHaveBeenCalledWith({
      view: 'chat',
      tabId: 4,
      pdfUrl: 'http://127.0.0.1:8000/report.pdf',
    });
  });

  it('ask-table opens the panel at once, then leaves it the right-clicked table', async () => {
    const services = fakeServices(2);
    await ACTIONS.find((a) => a.id === 'ask-table')!.run({ tabId: 5 }, services);
    expect(services.order[0]).toBe('open');
    expect(services.askTab).toHaveBeenCalledWith(5, 'context-table', {});
    expect(services.setPanelRequest).toHaveBeenCalledWith({ view: 'tables', tabId: 5, tableIndex: 2 });
  });
});

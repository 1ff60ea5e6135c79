// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storage } from 'wxt/utils/storage';
import { renderHook, settle } from '@/tests/fixtures/render-hook';
import type { ChatSession } from '../chat/chat-session';
import type { TaskOptions } from '../chat/tasks';
import type { ModelRef } from '../protocol';
import type { PanelRequest, Preset } from '../settings/types';
import type { TableSession } from '../sql/table-session';
import {
  taskOptionsFor,
  useSidePanelController,
  type SidePanelControllerDeps,
} from './side-panel-controller';

const presets: Preset[] = [{ id: 'eli5', title: 'Explain like I am five', prompt: 'Explain simply.' }];

describe('taskOptionsFor', () => {
  it("answers in the chosen language, else the browser's, with the preset's text", () => {
    expect(taskOptionsFor(presets, '', 'de-DE', 'eli5')).toEqual({
      language: 'de-DE',
      presetPrompt: 'Explain simply.',
      presetTitle: 'Explain like I am five',
    });
    expect(taskOptionsFor(presets, 'fr', 'de-DE')).toEqual({ language: 'fr' });
  });
});

function setup() {
  const tasks: [string, string | undefined, TaskOptions][] = [];
  const tabs: (number | null)[] = [];
  /** How many table sessions existed each time a chat session was disposed. */
  const disposed: number[] = [];
  const deps: SidePanelControllerDeps = {
    // A test double for the engine client: the host never reports.
    client: { onStatus: () => () => {} },
    activeModel: storage.defineItem<ModelRef | null>('local:activeModel', { fallback: null }),
    panelRequests: storage.defineItem<PanelRequest | null>('session:panelRequest', { fallback: null }),
    presets: storage.defineItem<Preset[]>('local:presets', { fallback: presets }),
    language: storage.defineItem<string>('local:answerLanguage', { fallback: '' }),
    browserLanguage: 'en-GB',
    createTableSession: (tabId) => (tabs.push(tabId), {} as TableSession),
    // A test double for the chat session: records the tasks it is asked to run.
    createChatSession: () =>
      ({
        loadPage: () => Promise.resolve(),
        dispose: () => void disposed.push(tabs.length),
        runTask: (task: string, selection: string | undefined, o: TaskOptions) =>
          Promise.resolve(void tasks.push([task, selection, o])),
      }) as unknown as ChatSession,
  };
  return { deps, tasks, tabs, disposed };
}

beforeEach(() => fakeBrowser.reset());

describe('useSidePanelController', () => {
  it('takes a request an action left: opens its view on its tab and table, and clears it', async () => {
    const { deps, tabs, disposed } = setup();
    const { result, unmount } = renderHook(useSidePanelController, deps);
    expect(result.current.view).toBe('chat');
    expect(disposed).toEqual([]);
    await deps.panelRequests.setValue({ view: 'tables', tabId: 42, tableIndex: 2 });
    await settle();
    expect(result.current.view).toBe('tables');
    expect(result.current.focusTable).toBe(2);
    expect(tabs.at(-1)).toBe(42);
    expect(await deps.panelRequests.getValue()).toBeNull();
    // The first page's chat session let go of the browser's tab events when tab 42's took over.
    expect(disposed).toHaveLength(1);
    unmount();
    expect(disposed).toHaveLength(2);
  });

  it('starts a menu task found on opening, with the preset and answer language', async () => {
    const { deps, tasks } = setup();
    await deps.language.setValue('fr');
    await deps.panelRequests.setValue({
      view: 'chat',
      tabId: 7,
      task: 'preset',
      selection: 'quarks',
      presetId: 'eli5',
    });
    renderHook(useSidePanelController, deps);
    await settle();
    expect(tasks).toEqual([
      [
        'preset',
        'quarks',
        { language: 'fr', presetPrompt: 'Explain simply.', presetTitle: 'Explain like I am five' },
      ],
    ]);
  });
});

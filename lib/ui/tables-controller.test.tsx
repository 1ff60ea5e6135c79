// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { renderHook, settle } from '@/tests/fixtures/render-hook';
import type { ConsentChoice } from '../providers/consent';
import type { ExtractedTable } from '../protocol';
import type { TableSession } from '../sql/table-session';
import { initialSelection, loadErrorText, useTablesController } from './tables-controller';

const table = (index: number) => ({ index, name: `T${index}`, sqlName: `t${index}` }) as ExtractedTable;

describe('initialSelection', () => {
  it('selects the table asked about when the page has it, else every table', () => {
    const tables = [table(0), table(1), table(2)];
    expect(initialSelection(tables, 1)).toEqual([1]);
    expect(initialSelection(tables, 7)).toEqual([0, 1, 2]);
    expect(initialSelection(tables, null)).toEqual([0, 1, 2]);
  });

  it('says what to do when the page cannot be read', () => {
    expect(loadErrorText(new Error('No tab'))).toMatch(
      /^Could not read this page's tables \(No tab\)\..*reload/,
    );
  });
});

/**
 * A test double for a table session: two tables; asking checks consent with a provider off the
 * device, then answers (or fails when the question is "fail").
 */
function fakeSession(load: () => Promise<ExtractedTable[]> = () => Promise.resolve([table(0), table(1)])) {
  const asked: { question: string; only?: number[] }[] = [];
  const session = {
    load,
    highlight: () => {},
    run: () => Promise.reject(new Error('not used')),
    async ask(
      question: string,
      o: { only?: number[]; confirm?: (p: string, s: string) => Promise<ConsentChoice> },
    ) {
      asked.push({ question, only: o.only });
      if (question === 'fail') throw new Error('The engine host went away; try again.');
      const choice = await o.confirm!('api.example', 'shop.example');
      if (choice === 'no') return { kind: 'cannot-answer', message: 'Kept on this device.' };
      return { kind: 'cannot-answer', message: 'No such column.', run: 'Ran on api.example' };
    },
  } as unknown as TableSession;
  return { session, asked };
}

describe('useTablesController', () => {
  it('loads the tables with the asked-about one selected, and asks only the selected ones', async () => {
    const { session, asked } = fakeSession();
    const { result } = renderHook(({ focus }) => useTablesController(session, focus), { focus: 1 });
    expect(result.current.tables).toBeNull();
    await settle();
    expect(result.current.tables?.length).toBe(2);
    expect(result.current.selected).toEqual([1]);
    result.current.ask('fail');
    await settle();
    expect(asked).toEqual([{ question: 'fail', only: [1] }]);
    expect(result.current.turns).toEqual([
      { question: 'fail', outcome: { kind: 'error', message: 'The engine host went away; try again.' } },
    ]);
    expect(result.current.stage).toBeNull();
  });

  it('waits for the consent answer before the tables go to a provider, then forgets the question', async () => {
    const { session } = fakeSession();
    const { result } = renderHook(() => useTablesController(session, null), {});
    await settle();
    result.current.ask('total?');
    await settle();
    expect(result.current.consent).toEqual({ provider: 'api.example', site: 'shop.example' });
    expect(result.current.turns).toEqual([]);
    result.current.decideConsent('once');
    await settle();
    expect(result.current.consent).toBeNull();
    expect(result.current.turns).toEqual([
      {
        question: 'total?',
        outcome: { kind: 'cannot-answer', message: 'No such column.' },
        run: 'Ran on api.example',
      },
    ]);
  });

  it('shows an unreadable page as no tables with the reason', async () => {
    const { session } = fakeSession(() => Promise.reject(new Error('Cannot access a chrome:// URL')));
    const { result } = renderHook(() => useTablesController(session, null), {});
    await settle();
    expect(result.current.tables).toEqual([]);
    expect(result.current.loadError).toContain('Cannot access a chrome:// URL');
  });
});

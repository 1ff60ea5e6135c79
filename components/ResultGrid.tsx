/** The result grid, virtualised: only the rows in view are in the DOM, so 100k rows scroll smoothly. */
import { t } from '@/lib/i18n/i18n';
import { Virtualizer, elementScroll, observeElementOffset, observeElementRect } from '@tanstack/virtual-core';
import { useLayoutEffect, useReducer, useRef, useState } from 'preact/hooks';
import { formatNumber } from '@/lib/ui/format';
import type { QueryResult } from '@/lib/protocol';

const ROW = 26;

export function ResultGrid({ result }: { result: QueryResult }) {
  const scroller = useRef<HTMLDivElement>(null);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const [virtualizer] = useState(
    () =>
      new Virtualizer<HTMLDivElement, Element>({
        count: result.rows.length,
        getScrollElement: () => scroller.current,
        estimateSize: () => ROW,
        overscan: 12,
        observeElementRect,
        observeElementOffset,
        scrollToFn: elementScroll,
        onChange: () => rerender(0),
      }),
  );
  virtualizer.setOptions({ ...virtualizer.options, count: result.rows.length });
  useLayoutEffect(() => virtualizer._didMount(), [virtualizer]);
  useLayoutEffect(() => virtualizer._willUpdate());
  const template = `repeat(${result.columns.length}, minmax(90px, 1fr))`;

  return (
    <div class="grid" role="table" aria-rowcount={result.rows.length + 1} data-testid="result-grid">
      <div class="grid-head" role="row" style={{ gridTemplateColumns: template }}>
        {result.columns.map((c) => (
          <span role="columnheader" key={c.name}>
            {c.name}
          </span>
        ))}
      </div>
      <div class="grid-body" ref={scroller}>
        <div style={{ height: `${virtualizer.getTotalSize()}px`, position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => (
            <div
              role="row"
              key={item.key}
              aria-rowindex={item.index + 2}
              class="grid-row"
              style={{
                gridTemplateColumns: template,
                transform: `translateY(${item.start}px)`,
                height: `${ROW}px`,
              }}
            >
              {result.rows[item.index]!.map((v, i) => (
                <span role="cell" key={i} class={typeof v === 'number' ? 'num' : v === null ? 'null' : ''}>
                  {v === null ? '∅' : typeof v === 'number' ? <bdi>{String(v)}</bdi> : String(v)}
                </span>
              ))}
            </div>
          ))}
        </div>
      </div>
      <p class="grid-foot">
        {t(result.rowCount === 1 ? 'grid_row' : 'grid_rows', formatNumber(result.rowCount))}
        {result.truncated && t('grid_truncated', formatNumber(10_000))}
        {result.elapsedMs !== undefined &&
          t('grid_elapsed', formatNumber(result.elapsedMs, { max: result.elapsedMs < 10 ? 1 : 0 }))}
      </p>
    </div>
  );
}

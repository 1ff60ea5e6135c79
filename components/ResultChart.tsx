/** A chart of the result with Observable Plot; labels come from data and render as SVG text only. */
import { t, type MessageKey } from '@/lib/i18n/i18n';
import * as Plot from '@observablehq/plot';
import { plotFigure } from '@/lib/ui/plot-figure';
import { useEffect, useRef } from 'preact/hooks';
import type { ChartSpec } from '@/lib/sql/chart-spec';
import type { QueryResult } from '@/lib/protocol';

const CHART_LABEL: Record<ChartSpec['type'], MessageKey> = {
  bar: 'chart_bar',
  line: 'chart_line',
  scatter: 'chart_scatter',
};

export function ResultChart({ spec, result }: { spec: ChartSpec; result: QueryResult }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const xi = result.columns.findIndex((c) => c.name === spec.x);
    const yi = result.columns.findIndex((c) => c.name === spec.y);
    const temporal = /^(Date|Timestamp)/i.test(result.columns[xi]?.type ?? '');
    const data = result.rows.map((r) => ({
      x: temporal ? new Date(String(r[xi])) : r[xi],
      y: r[yi] as number,
    }));
    const mark =
      spec.type === 'bar'
        ? Plot.barY(data, { x: 'x', y: 'y', fill: '#3b6cf6' })
        : spec.type === 'line'
          ? Plot.line(data, { x: 'x', y: 'y', stroke: 'currentColor', marker: data.length < 40 })
          : Plot.dot(data, { x: 'x', y: 'y', fill: 'currentColor' });
    const svg = plotFigure({
      width: Math.max(240, el.clientWidth),
      height: 200,
      marginLeft: 56,
      marginBottom: spec.type === 'bar' ? 56 : 32,
      // Bars keep the query's order (e.g. ORDER BY value DESC), not alphabetical order.
      x: {
        label: spec.x,
        tickRotate: spec.type === 'bar' && data.length > 6 ? -35 : 0,
        ...(spec.type === 'bar' ? { domain: data.map((d) => d.x) } : {}),
      },
      y: { label: spec.y, grid: true },
      style: { background: 'transparent', color: 'currentColor', fontSize: '11px' },
      marks: [mark, Plot.ruleY([0])],
    });
    el.replaceChildren(svg);
    return () => el.replaceChildren();
  }, [spec, result]);
  return (
    <div
      class="chart"
      ref={box}
      data-testid="result-chart"
      data-chart={spec.type}
      aria-label={t(CHART_LABEL[spec.type], spec.y, spec.x)}
    />
  );
}

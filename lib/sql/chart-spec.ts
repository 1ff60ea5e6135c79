/** Picks a chart that helps for a result's shape, or none: bar, line or scatter. */
import type { QueryResult } from '../protocol';

export interface ChartSpec {
  type: 'bar' | 'line' | 'scatter';
  x: string;
  y: string;
}

const isNumeric = (t: string) => /^(Float|Int|Uint|Decimal)/i.test(t);
const isTemporal = (t: string) => /^(Date|Timestamp|Time)/i.test(t);

export function chooseChart(result: QueryResult): ChartSpec | null {
  if (result.rows.length < 2 || result.columns.length < 2) return null;
  const [a, b] = result.columns as [QueryResult['columns'][0], QueryResult['columns'][0]];
  if (!isNumeric(b.type)) return null;
  if (isTemporal(a.type)) return { type: 'line', x: a.name, y: b.name };
  if (isNumeric(a.type)) {
    // A sorted integer first column (years, ranks) reads as a line; anything else as points.
    const xs = result.rows.map((r) => r[0] as number);
    const sorted = xs.every((x, i) => i === 0 || x >= xs[i - 1]!);
    return /^Int/i.test(a.type) && sorted
      ? { type: 'line', x: a.name, y: b.name }
      : { type: 'scatter', x: a.name, y: b.name };
  }
  return result.rows.length <= 40 ? { type: 'bar', x: a.name, y: b.name } : null;
}

/** Results of the benchmark: each measure with median, min and max over its repetitions. */
import { median } from '../lib/measure/median';

export interface Measure {
  id: string;
  label: string;
  median: number | null;
  min: number | null;
  max: number | null;
  unit: string;
  goal: string;
  /** How many values the median, min and max are taken over. */
  n: number;
  /** A short note, e.g. the figures of both sides of a ratio. */
  note?: string;
}

export function summarize(
  id: string,
  label: string,
  values: number[],
  unit: string,
  goal: string,
  note?: string,
): Measure {
  return {
    id,
    label,
    median: median(values),
    min: Math.min(...values),
    max: Math.max(...values),
    n: values.length,
    unit,
    goal,
    note,
  };
}

/** Whether a measured median meets a goal written as "≥ 0.97", "≤ 10", "= 1". */
export function meetsGoal(m: Measure): boolean | null {
  if (m.median === null) return null;
  const match = /^(≥|≤|=)\s*([\d.]+)/.exec(m.goal);
  if (!match) return null;
  const goal = Number(match[2]);
  if (match[1] === '≥') return m.median >= goal;
  if (match[1] === '≤') return m.median <= goal;
  // Equality within half a percent: a ratio of 1.0001 (a 4-byte format probe) meets "= 1".
  return Math.abs(m.median - goal) <= goal * 0.005;
}

const fmt = (n: number | null) =>
  n === null ? '—' : Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(Math.abs(n) >= 10 ? 1 : 3);

export function markdownTable(measures: Measure[]): string {
  const rows = measures.map((m) => {
    const ok = meetsGoal(m);
    const verdict =
      m.median === null ? (m.note ?? 'not built') : ok === null ? '' : ok ? 'meets goal' : 'misses goal';
    const extra = m.note && m.median !== null ? m.note : '';
    return `| ${m.id} | ${fmt(m.median)} | ${fmt(m.min)} | ${fmt(m.max)} | ${m.n} | ${m.unit} | ${m.goal || '—'} | ${[verdict, extra].filter(Boolean).join('; ')} |`;
  });
  return [
    '| measure | median | min | max | n | unit | goal | result |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

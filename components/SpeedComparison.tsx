/**
 * "Compare speed": pick engines and models, run the same prompts, see median TTFT and tokens/s
 * side by side.
 */
import { t } from '@/lib/i18n/i18n';
import * as Plot from '@observablehq/plot';
import { plotFigure } from '@/lib/ui/plot-figure';
import { useEffect, useRef, useState } from 'preact/hooks';
import { DEFAULT_PROMPTS, speedCsv, type SpeedRow } from '@/lib/providers/speed-benchmark';
import type { ModelRef } from '@/lib/protocol';
import { formatNumber } from '@/lib/ui/format';

export interface SpeedComparisonProps {
  candidates: ModelRef[];
  rows: SpeedRow[];
  busy: boolean;
  /** Compare `models` on `prompts` (one prompt a line). */
  onCompare: (models: ModelRef[], prompts: string) => void;
  /** Offer `text` as a file named `name`. */
  onSave: (name: string, text: string, type: string) => void;
}

const label = (m: ModelRef) => `${m.id} (${m.engine})`;

export function SpeedComparison({ candidates, rows, busy, onCompare, onSave }: SpeedComparisonProps) {
  const [picked, setPicked] = useState<string[]>([]);
  const [prompts, setPrompts] = useState(DEFAULT_PROMPTS.join('\n'));
  const chart = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = chart.current;
    const ok = rows.filter((r) => !r.error);
    if (!el || !ok.length) return;
    const data = ok.flatMap((r) => [
      { model: label(r.model), measure: t('speed_measure_ttft'), value: r.ttftMs },
      { model: label(r.model), measure: t('speed_measure_tps'), value: r.tokensPerSecond },
    ]);
    el.replaceChildren(
      plotFigure({
        width: Math.max(240, el.clientWidth),
        height: 60 + 40 * ok.length,
        marginLeft: 10,
        marginRight: 100,
        fy: { label: null },
        x: { grid: true, label: null },
        y: { axis: null },
        facet: { data, y: 'measure' },
        color: { legend: true },
        style: { background: 'transparent', color: 'currentColor', fontSize: '11px' },
        marks: [Plot.barX(data, { x: 'value', y: 'model', fy: 'measure', fill: 'model' })],
      }),
    );
  }, [rows]);

  return (
    <div class="speed">
      <ul class="speed-models">
        {candidates.map((m) => (
          <li key={label(m)}>
            <label>
              <input
                type="checkbox"
                checked={picked.includes(label(m))}
                onChange={(e) =>
                  setPicked(
                    e.currentTarget.checked ? [...picked, label(m)] : picked.filter((p) => p !== label(m)),
                  )
                }
              />{' '}
              {label(m)}
            </label>
          </li>
        ))}
      </ul>
      <textarea
        name="speed-prompts"
        aria-label={t('speed_prompts')}
        rows={3}
        value={prompts}
        onInput={(e) => setPrompts(e.currentTarget.value)}
      />
      <button
        type="button"
        disabled={busy || !picked.length}
        onClick={() =>
          onCompare(
            candidates.filter((m) => picked.includes(label(m))),
            prompts,
          )
        }
      >
        {busy ? t('speed_running') : t('speed_compare')}
      </button>
      {rows.length > 0 && (
        <>
          <table class="speed-table" data-testid="speed-table">
            <thead>
              <tr>
                <th>{t('speed_col_model')}</th>
                <th>{t('speed_col_where')}</th>
                <th>{t('speed_col_ttft')}</th>
                <th>{t('speed_col_tps')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={label(r.model)}>
                  <td>{label(r.model)}</td>
                  <td>{r.where}</td>
                  <td>{r.error ? '—' : t('speed_ms', formatNumber(Math.round(r.ttftMs)))}</td>
                  <td>{r.error ? r.error : formatNumber(r.tokensPerSecond, { min: 1 })}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div class="chart" ref={chart} data-testid="speed-chart" />
          <div class="row-actions">
            <button
              type="button"
              onClick={() => onSave('speed.json', JSON.stringify(rows, null, 2), 'application/json')}
            >
              {t('export_json')}
            </button>
            <button type="button" onClick={() => onSave('speed.csv', speedCsv(rows), 'text/csv')}>
              {t('export_csv')}
            </button>
          </div>
        </>
      )}
    </div>
  );
}

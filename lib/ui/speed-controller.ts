/** State behind "Compare speed": runs the comparison and collects each model's row as it finishes. */
import { useState } from 'preact/hooks';
import type { EngineClient, ModelRef } from '../protocol';
import { compareSpeed, type SpeedRow } from '../providers/speed-benchmark';

export interface SpeedController {
  rows: SpeedRow[];
  busy: boolean;
  /** Runs every prompt (one a line in `prompts`) on each model. */
  compare: (models: ModelRef[], prompts: string) => void;
}

/** The non-empty lines of what the user typed, each one prompt. */
export function promptLines(text: string): string[] {
  return text
    .split('\n')
    .map((p) => p.trim())
    .filter(Boolean);
}

export function useSpeedComparison(client: EngineClient): SpeedController {
  const [rows, setRows] = useState<SpeedRow[]>([]);
  const [busy, setBusy] = useState(false);
  return {
    rows,
    busy,
    compare(models, prompts) {
      setBusy(true);
      setRows([]);
      // compareSpeed reports a failing model as a row with its error; it does not throw.
      void compareSpeed(client, models, {
        prompts: promptLines(prompts),
        onRow: (row) => setRows((r) => [...r, row]),
      }).finally(() => setBusy(false));
    },
  };
}

/**
 * Waits for a virtualised grid to re-render after its viewport scrolled. Grids render on their
 * own schedule (a scroll event, then a frame, sometimes a second pass that fills the cells), and
 * on a busy machine that can take far longer than any fixed pause: so watch the grid's DOM and
 * return once it has changed and then stayed quiet, or when the upper bound is reached.
 */

export interface SettleTimes {
  /** How long to wait for the first change before deciding the grid did not re-render. */
  firstChangeMs: number;
  /** How long the grid must stay unchanged after a change to count as rendered. */
  quietMs: number;
  /** Upper bound for one wait, for grids that never stop changing (live tickers). */
  maxMs: number;
}

export const DEFAULT_SETTLE: SettleTimes = { firstChangeMs: 1500, quietMs: 60, maxMs: 4000 };

export interface RenderWatch {
  /** Resolves true once the grid changed and settled, false when it did not change in time. */
  settled: () => Promise<boolean>;
  /** Stops watching without waiting. */
  stop: () => void;
}

/**
 * Starts watching `grid` now: before the caller scrolls, so a re-render that happens at once
 * (inside the scroll itself) is not missed.
 */
export function watchRender(grid: Element, times: SettleTimes = DEFAULT_SETTLE): RenderWatch {
  let changed = false;
  let lastChange = 0;
  let wake: (() => void) | null = null;
  const observer = new MutationObserver(() => {
    changed = true;
    lastChange = performance.now();
    wake?.();
  });
  observer.observe(grid, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['aria-rowindex'],
  });
  const started = performance.now();
  const settled = async () => {
    try {
      for (;;) {
        const now = performance.now();
        if (now - started >= times.maxMs) return changed;
        if (!changed && now - started >= times.firstChangeMs) return false;
        if (changed && now - lastChange >= times.quietMs) return true;
        const until = changed
          ? lastChange + times.quietMs
          : Math.min(started + times.firstChangeMs, started + times.maxMs);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.max(1, until - now));
          wake = () => {
            // A change before the timer restarts the quiet period; the loop re-computes it.
            if (!changed) return;
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
      }
    } finally {
      observer.disconnect();
    }
  };
  return { settled, stop: () => observer.disconnect() };
}

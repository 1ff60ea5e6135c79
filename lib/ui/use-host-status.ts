/** The engine host's latest status as Preact state, as it pushes it to every open panel. */
import { useEffect, useState } from 'preact/hooks';
import type { EngineClient, HostStatus } from '../protocol';

/** User Timing mark for the benchmark: the panel is usable once the host has answered. */
const PANEL_READY_MARK = 'local-ai:panel-ready';

export function useHostStatus(client: Pick<EngineClient, 'onStatus'>): HostStatus | null {
  const [status, setStatus] = useState<HostStatus | null>(null);
  useEffect(
    () =>
      client.onStatus((s) => {
        if (!performance.getEntriesByName(PANEL_READY_MARK).length) performance.mark(PANEL_READY_MARK);
        setStatus(s);
      }),
    [client],
  );
  return status;
}

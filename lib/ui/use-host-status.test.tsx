// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { renderHook, settle } from '@/tests/fixtures/render-hook';
import type { EngineClient, HostStatus } from '../protocol';
import { useHostStatus } from './use-host-status';

describe('useHostStatus', () => {
  it('shows each status the host pushes, marks the panel ready once, and stops listening when gone', async () => {
    const listeners = new Set<(s: HostStatus) => void>();
    // A test double for the engine client: the test pushes the host's status.
    const client = {
      onStatus: (l: (s: HostStatus) => void) => (listeners.add(l), () => listeners.delete(l)),
    } as unknown as EngineClient;
    const { result, unmount } = renderHook(useHostStatus, client);
    expect(result.current).toBeNull();
    for (const running of [1, 2]) for (const l of listeners) l({ running } as HostStatus);
    await settle();
    expect(result.current).toEqual({ running: 2 });
    expect(performance.getEntriesByName('local-ai:panel-ready')).toHaveLength(1);
    unmount();
    expect(listeners.size).toBe(0);
  });
});

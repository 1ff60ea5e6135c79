import type { HostDiagnostics } from '../protocol';

/** The host document's own figures, as far as the browser reports them. */
export function hostDiagnostics(): HostDiagnostics {
  const memory = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
  return { jsHeapUsedBytes: memory?.usedJSHeapSize ?? null, uptimeMs: performance.now() };
}

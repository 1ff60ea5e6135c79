import type { HostDiagnostics } from '../protocol';

/** Violations kept for diagnostics: enough to see what was blocked, never growing without end. */
const MAX_BLOCKED = 20;
const blocked: string[] = [];

/**
 * Records what the extension's content security policy blocked in the host document (directive
 * and URL), so a load the policy stops is visible in diagnostics instead of a silent failure.
 */
export function watchPolicyViolations(target: Pick<EventTarget, 'addEventListener'>): void {
  target.addEventListener('securitypolicyviolation', (event) => {
    const e = event as SecurityPolicyViolationEvent;
    if (blocked.length >= MAX_BLOCKED) blocked.shift();
    blocked.push(`${e.effectiveDirective} ${e.blockedURI}`.trim());
  });
}

/** The host document's own figures, as far as the browser reports them. */
export function hostDiagnostics(): HostDiagnostics {
  const memory = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
  return {
    jsHeapUsedBytes: memory?.usedJSHeapSize ?? null,
    uptimeMs: performance.now(),
    blockedByPolicy: [...blocked],
  };
}

/**
 * The host's own figures, as far as the browser reports them: the host document's JS heap, what
 * the content security policy blocked there, and on request the memory of everything in its agent
 * cluster — the host, the engine Worker and the workers the engines start inside it (llama.cpp's
 * WebAssembly memory lives there) — from `performance.measureUserAgentSpecificMemory()`, which
 * needs cross-origin isolation (the host has it; see wxt.config.ts).
 */
import type { AgentMemory, HostDiagnostics } from '../protocol';

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

interface MemoryBreakdown {
  bytes: number;
  attribution: { url: string; scope: string }[];
}
type MeasuringPerformance = Performance & {
  memory?: { usedJSHeapSize: number };
  measureUserAgentSpecificMemory?: () => Promise<{ bytes: number; breakdown: MemoryBreakdown[] }>;
};

/**
 * The host document's figures; with `memory`, the agent cluster's too. That measurement resolves
 * at the browser's next garbage collection (Chrome waits up to ~20 s unless its
 * ForceEagerMeasureMemory feature is on): for the benchmark, never on a user's path.
 */
export async function hostDiagnostics(
  options: { memory?: boolean } = {},
  perf: MeasuringPerformance = performance,
  isolated: boolean = self.crossOriginIsolated,
): Promise<HostDiagnostics> {
  return {
    jsHeapUsedBytes: perf.memory?.usedJSHeapSize ?? null,
    uptimeMs: perf.now(),
    blockedByPolicy: [...blocked],
    memory: options.memory ? await agentMemory(perf, isolated) : null,
  };
}

async function agentMemory(perf: MeasuringPerformance, isolated: boolean): Promise<AgentMemory | null> {
  if (!isolated || !perf.measureUserAgentSpecificMemory) return null;
  const result = await perf.measureUserAgentSpecificMemory().catch(() => null);
  if (!result) return null;
  const inWorkers = result.breakdown
    .filter((entry) => entry.attribution.some((a) => a.scope === 'DedicatedWorkerGlobalScope'))
    .reduce((sum, entry) => sum + entry.bytes, 0);
  return { totalBytes: result.bytes, workerBytes: inWorkers };
}

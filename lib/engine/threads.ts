/**
 * How many threads llama.cpp gets. WebAssembly threads need SharedArrayBuffer, which the
 * browser offers only in a cross-origin isolated context (the manifest's COOP/COEP keys make
 * extension pages isolated, and the engine Worker inherits it from the offscreen document).
 */
export interface ThreadChoice {
  threads: number;
  /** Why that many, in words for the Models view. */
  reason: string;
}

export function llamaThreads(
  crossOriginIsolated: boolean,
  hardwareConcurrency: number | undefined,
): ThreadChoice {
  const cores = Math.max(1, Math.floor(hardwareConcurrency ?? 1));
  if (!crossOriginIsolated) {
    return {
      threads: 1,
      reason:
        'one thread: the engine is not cross-origin isolated here, so WebAssembly threads (SharedArrayBuffer) are unavailable',
    };
  }
  // Every core but one: llama.cpp's threads wait for each other at every step, so a single
  // thread that the browser (or anything else) pushes off its core stalls the whole pool.
  // Measured here on 2 cores under load: 2 threads took over 50 s for an answer 1 thread gave
  // in 12 s. So one core stays free for the browser, and 1- and 2-core devices run one thread.
  const threads = Math.max(1, cores - 1);
  return {
    threads,
    reason:
      threads > 1
        ? `${threads} threads: every core but one, which is left to the browser`
        : `one thread: with ${cores} core${cores > 1 ? 's' : ''}, a second thread would stall whenever the browser needs a core`,
  };
}

/**
 * Recognises a lost GPU device in an engine's failure. A lost device leaves the engine unusable
 * (WebLLM unloads its pipeline; llama.cpp's WebGPU backend cannot go on), so the Worker is
 * replaced as if it had crashed; when the loss came from running out of memory, the model is
 * loaded again with a smaller context window.
 */
export interface DeviceLoss {
  reason: string;
  /** The browser or the engine blamed memory. */
  memory: boolean;
}

const LOST = /device (?:was |is |has been )?lost|DeviceLostError|GPUDeviceLostInfo/i;
const MEMORY = /out of memory|\bOOM\b|insufficient memory|failed to allocate/i;

/** The device loss `error` reports, or null when it is some other failure. */
export function deviceLossOf(error: unknown): DeviceLoss | null {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  if (!LOST.test(`${name} ${message}`)) return null;
  return { reason: message || name, memory: MEMORY.test(message) };
}

/** Half the window (not below 512 tokens): what a model gets after memory ran out. */
export function smallerWindow(current: number): number {
  return Math.max(512, Math.floor(current / 2));
}

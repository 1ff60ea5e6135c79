/**
 * What the first-run welcome recommends: one model per task for this device (a model that serves
 * several tasks is listed once, with all of them), and this device in one sentence.
 */
import type { DeviceCapabilities, EngineKind } from '../protocol';
import type { TaskKind } from '../settings/storage-items';
import { catalogFor, type CatalogChoice, type CatalogDevice } from './catalog';

const TASKS: { kind: TaskKind; label: string }[] = [
  { kind: 'chat', label: 'chat and page questions' },
  { kind: 'summarise', label: 'summaries' },
  { kind: 'translate', label: 'translation' },
  { kind: 'sql', label: 'questions about tables' },
];

export interface WelcomePick {
  choice: CatalogChoice;
  /** The tasks it is recommended for, in words. */
  tasks: string[];
  /** The first of them: where it is set as the model when downloaded from the welcome. */
  kind: TaskKind;
}

/** The recommended build per task, one entry per model; null where nothing in the catalog fits. */
export function welcomePicks(caps: CatalogDevice): WelcomePick[] | null {
  const picks = new Map<string, WelcomePick>();
  for (const { kind, label } of TASKS) {
    const choice = catalogFor(kind, caps)[0];
    if (!choice?.fits || !choice.model) continue;
    const known = picks.get(choice.model.id);
    if (known) known.tasks.push(label);
    else picks.set(choice.model.id, { choice, tasks: [label], kind });
  }
  return picks.size ? [...picks.values()] : null;
}

const KIND_WORDS: Record<EngineKind, string> = {
  webllm: 'WebLLM on the GPU',
  'llamacpp-gpu': 'llama.cpp on the GPU',
  'llamacpp-cpu': 'llama.cpp on the CPU',
};

/** This device in one sentence: its GPU (or why it is not used) and the fastest engine measured. */
export function deviceSummary(caps: DeviceCapabilities): string {
  const gpu = !caps.webgpu
    ? 'No GPU is available to the browser'
    : caps.adapter?.software
      ? `The GPU here is ${caps.adapter.software}, a software renderer, not a real GPU`
      : `GPU: ${caps.adapter?.description || caps.adapter?.vendor || 'WebGPU adapter'}`;
  const rates = Object.entries(caps.calibration?.gbPerSecond ?? {}) as [EngineKind, number][];
  const best = rates.sort((a, b) => b[1] - a[1])[0];
  const fastest = best ? `; ${KIND_WORDS[best[0]]} is fastest on this device` : '';
  return `${gpu}${fastest}; ${caps.hardwareConcurrency} CPU cores.`;
}

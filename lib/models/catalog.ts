/**
 * The model catalog, by task instead of by name: for each task a recommended model and a few
 * alternatives, each resolved for this device to its fastest build that fits — WebLLM (16-bit
 * where the GPU has shader-f16, else 32-bit), or the llama.cpp GGUF on WebGPU or on the CPU —
 * ranked by this device's calibration where it has been measured, and marked when it will not fit.
 */
import type { Calibration, DeviceCapabilities, EngineKind, GpuAdapterInfo, ModelRef } from '../protocol';
import type { TaskKind } from '../settings/storage-items';
import { FAMILIES, type Family } from './families';

export const TASK_MODELS: Record<TaskKind, { recommended: string; alternatives: string[] }> = {
  chat: {
    recommended: 'llama-3.2-1b',
    alternatives: ['qwen-2.5-1.5b', 'llama-3.2-3b', 'phi-3.5-mini', 'qwen-2.5-0.5b'],
  },
  summarise: { recommended: 'llama-3.2-3b', alternatives: ['llama-3.2-1b', 'qwen-2.5-1.5b', 'phi-3.5-mini'] },
  translate: { recommended: 'qwen-2.5-1.5b', alternatives: ['gemma-2-2b', 'llama-3.2-3b', 'qwen-2.5-0.5b'] },
  // A model tuned for text-to-SQL first: it has only a GGUF build, which runs everywhere.
  sql: {
    recommended: 'xiyan-sql-3b',
    alternatives: ['qwen-2.5-coder-1.5b', 'qwen-2.5-1.5b', 'llama-3.2-3b'],
  },
};

export interface CatalogChoice {
  family: string;
  name: string;
  /** The build for this device, or null when none fits. */
  model: ModelRef | null;
  /** Where that build runs. */
  kind: EngineKind | null;
  /** Decode speed this device's calibration predicts for that build, tokens/s (null unmeasured). */
  predictedTokensPerSecond: number | null;
  /** Approximate download, MB. */
  downloadMB: number;
  vramMB: number | null;
  contextWindow: number;
  licence: string;
  fits: boolean;
  /** Why it does not fit, or which build was chosen and why, in plain words. */
  note: string;
}

export type CatalogDevice = Pick<
  DeviceCapabilities,
  'webgpu' | 'shaderF16' | 'maxStorageBufferBindingSize'
> & {
  adapter?: Pick<GpuAdapterInfo, 'software'> | null;
  calibration?: Calibration | null;
};

interface Build {
  model: ModelRef;
  kind: EngineKind;
  vramMB: number | null;
  label: string;
}

const MB = 1 << 20;
const KIND_LABEL: Record<EngineKind, string> = {
  webllm: 'WebLLM on WebGPU',
  'llamacpp-gpu': 'llama.cpp on WebGPU',
  'llamacpp-cpu': 'llama.cpp on the CPU',
};

/** Every build of `f` that can run on this device. */
function buildsOf(f: Family, caps: CatalogDevice): Build[] {
  const builds: Build[] = [];
  const software = caps.adapter?.software ?? null;
  const bufferOk = caps.maxStorageBufferBindingSize >= (f.lowResource ? 128 : 1024) * MB;
  if (caps.webgpu && bufferOk) {
    const slow = software ? `, in software (${software}): slow` : '';
    if (caps.shaderF16 && f.f16)
      builds.push({
        model: { engine: 'webllm', id: f.f16 },
        kind: 'webllm',
        vramMB: f.vramMB.f16 ?? null,
        label: `WebGPU, 16-bit${slow}`,
      });
    else if (f.f32)
      builds.push({
        model: { engine: 'webllm', id: f.f32 },
        kind: 'webllm',
        vramMB: f.vramMB.f32 ?? null,
        label: `WebGPU, 32-bit${caps.shaderF16 ? '' : ' (this GPU has no shader-f16)'}${slow}`,
      });
  }
  if (f.gguf) {
    const gguf = { engine: 'wllama' as const, id: f.gguf.id, url: f.gguf.url };
    // llama.cpp offloads to WebGPU only on a real GPU; on a software adapter it stays on the CPU.
    if (caps.webgpu && !software)
      builds.push({ model: gguf, kind: 'llamacpp-gpu', vramMB: null, label: KIND_LABEL['llamacpp-gpu'] });
    builds.push({
      model: caps.webgpu && !software ? { ...gguf, gpuLayers: 0 } : gguf,
      kind: 'llamacpp-cpu',
      vramMB: null,
      label: KIND_LABEL['llamacpp-cpu'],
    });
  }
  return builds;
}

/**
 * How fast a build would decode here: measured GB/s ÷ the model's bytes when calibrated, else
 * a prior — a real GPU before the CPU, the CPU before a software adapter.
 */
function score(
  build: Build,
  f: Family,
  caps: CatalogDevice,
): { rank: number; tokensPerSecond: number | null } {
  const rate = caps.calibration?.gbPerSecond[build.kind];
  if (rate !== undefined) {
    const tokensPerSecond = rate / ((f.params * 600 * MB) / 1e9);
    // Equal rates (the same GPU measured for both WebGPU engines): WebLLM, the proven path.
    return { rank: tokensPerSecond * (build.kind === 'webllm' ? 1.001 : 1), tokensPerSecond };
  }
  const software = Boolean(caps.adapter?.software);
  const prior: Record<EngineKind, number> = software
    ? { 'llamacpp-cpu': 3, webllm: 1, 'llamacpp-gpu': 0 }
    : { webllm: 3, 'llamacpp-gpu': 2, 'llamacpp-cpu': 1 };
  return { rank: prior[build.kind] / 1e6, tokensPerSecond: null };
}

/** The fastest build of a family that fits this device. */
export function chooseBuild(familyId: string, caps: CatalogDevice): CatalogChoice {
  const f = FAMILIES[familyId];
  if (!f) throw new Error(`No model family "${familyId}".`);
  const base = {
    family: familyId,
    name: f.name,
    downloadMB: Math.round(f.params * 600),
    contextWindow: f.contextWindow,
    licence: f.licence,
  };
  const ranked = buildsOf(f, caps)
    .map((b) => ({ b, ...score(b, f, caps) }))
    .sort((x, y) => y.rank - x.rank);
  const best = ranked[0];
  if (!best) {
    const needs = (f.lowResource ? 128 : 1024) * MB;
    const why = !caps.webgpu
      ? 'needs WebGPU, and there is no llama.cpp build of it'
      : `needs ${needs / MB} MB GPU buffers; this GPU allows ${Math.round(caps.maxStorageBufferBindingSize / MB)} MB`;
    const none = { model: null, kind: null, predictedTokensPerSecond: null, vramMB: null, fits: false };
    return { ...base, ...none, note: `Will not run here: ${why}` };
  }
  const fmt = (t: number) => `${t < 10 ? t.toFixed(1) : Math.round(t)} tokens/s`;
  const why =
    best.tokensPerSecond !== null
      ? ` — ≈ ${fmt(best.tokensPerSecond)} measured here` +
        (ranked[1]?.tokensPerSecond != null
          ? `, ${KIND_LABEL[ranked[1].b.kind]} ≈ ${fmt(ranked[1].tokensPerSecond)}`
          : '')
      : !caps.webgpu
        ? ' (no WebGPU)'
        : '';
  return {
    ...base,
    model: best.b.model,
    kind: best.b.kind,
    predictedTokensPerSecond: best.tokensPerSecond,
    vramMB: best.b.vramMB,
    fits: true,
    note: `${best.b.label}${why}`,
  };
}

/** A task's models for this device: the recommended one first, then alternatives that fit, then those that do not. */
export function catalogFor(task: TaskKind, caps: CatalogDevice): CatalogChoice[] {
  const { recommended, alternatives } = TASK_MODELS[task];
  const choices = [recommended, ...alternatives].map((id) => chooseBuild(id, caps));
  return [...choices.filter((c) => c.fits), ...choices.filter((c) => !c.fits)];
}

/** The approximate download of a catalog model, MB (null for a model not in the catalog). */
export function approxDownloadMB(model: ModelRef): number | null {
  const family = Object.values(FAMILIES).find(
    (f) => f.f16 === model.id || f.f32 === model.id || f.gguf?.id === model.id,
  );
  return family ? Math.round(family.params * 600) : null;
}

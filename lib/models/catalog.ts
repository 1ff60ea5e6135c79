/**
 * The model catalog, by task instead of by name: for each task a recommended model and a few
 * alternatives, each resolved for this device — the f16 build where the GPU has shader-f16, the
 * f32 build where it does not, a llama.cpp GGUF where there is no WebGPU — and marked when it
 * will not fit.
 */
import type { DeviceCapabilities, ModelRef } from '../protocol';
import type { TaskKind } from '../settings/storage-items';

interface Family {
  name: string;
  /** Billions of parameters: the download is about 0.6 GB per billion at 4 bits. */
  params: number;
  contextWindow: number;
  licence: string;
  /** WebLLM prebuilt ids; a family has one or both. */
  f16?: string;
  f32?: string;
  /** GPU memory WebLLM states for the f16 / f32 builds, MB. */
  vramMB: { f16?: number; f32?: number };
  /** Models that need only WebGPU's default 128 MB storage buffers. */
  lowResource: boolean;
  gguf?: { id: string; url: string };
}

const HF = 'https://huggingface.co';
const LLAMA_LICENCE = `${HF}/meta-llama/Llama-3.2-1B-Instruct/blob/main/LICENSE.txt`;
const APACHE = 'https://www.apache.org/licenses/LICENSE-2.0';

export const FAMILIES: Record<string, Family> = {
  'llama-3.2-1b': {
    name: 'Llama 3.2 1B Instruct',
    params: 1.2,
    contextWindow: 4096,
    licence: LLAMA_LICENCE,
    lowResource: true,
    f16: 'Llama-3.2-1B-Instruct-q4f16_1-MLC',
    f32: 'Llama-3.2-1B-Instruct-q4f32_1-MLC',
    vramMB: { f16: 879, f32: 1129 },
    gguf: {
      id: 'Llama-3.2-1B-Instruct-Q4_K_M',
      url: `${HF}/bartowski/Llama-3.2-1B-Instruct-GGUF/resolve/main/Llama-3.2-1B-Instruct-Q4_K_M.gguf`,
    },
  },
  'llama-3.2-3b': {
    name: 'Llama 3.2 3B Instruct',
    params: 3.2,
    contextWindow: 4096,
    licence: LLAMA_LICENCE,
    lowResource: true,
    f16: 'Llama-3.2-3B-Instruct-q4f16_1-MLC',
    f32: 'Llama-3.2-3B-Instruct-q4f32_1-MLC',
    vramMB: { f16: 2264, f32: 2952 },
  },
  'qwen-2.5-1.5b': {
    name: 'Qwen 2.5 1.5B Instruct',
    params: 1.5,
    contextWindow: 4096,
    licence: APACHE,
    lowResource: true,
    f16: 'Qwen2.5-1.5B-Instruct-q4f16_1-MLC',
    f32: 'Qwen2.5-1.5B-Instruct-q4f32_1-MLC',
    vramMB: { f16: 1630, f32: 1889 },
    gguf: {
      id: 'qwen2.5-1.5b-instruct-q4_k_m',
      url: `${HF}/Qwen/Qwen2.5-1.5B-Instruct-GGUF/resolve/main/qwen2.5-1.5b-instruct-q4_k_m.gguf`,
    },
  },
  'qwen-2.5-0.5b': {
    name: 'Qwen 2.5 0.5B Instruct',
    params: 0.5,
    contextWindow: 4096,
    licence: APACHE,
    lowResource: true,
    f16: 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC',
    f32: 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC',
    vramMB: { f16: 945, f32: 1060 },
    gguf: {
      id: 'qwen2.5-0.5b-instruct-q4_k_m',
      url: `${HF}/Qwen/Qwen2.5-0.5B-Instruct-GGUF/resolve/main/qwen2.5-0.5b-instruct-q4_k_m.gguf`,
    },
  },
  'qwen-2.5-coder-1.5b': {
    name: 'Qwen 2.5 Coder 1.5B Instruct',
    params: 1.5,
    contextWindow: 4096,
    licence: APACHE,
    lowResource: false,
    f16: 'Qwen2.5-Coder-1.5B-Instruct-q4f16_1-MLC',
    f32: 'Qwen2.5-Coder-1.5B-Instruct-q4f32_1-MLC',
    vramMB: { f16: 1630, f32: 1889 },
    gguf: {
      id: 'qwen2.5-coder-1.5b-instruct-q4_k_m',
      url: `${HF}/Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF/resolve/main/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf`,
    },
  },
  'phi-3.5-mini': {
    name: 'Phi 3.5 mini Instruct',
    params: 3.8,
    contextWindow: 4096,
    licence: `${HF}/microsoft/Phi-3.5-mini-instruct/blob/main/LICENSE`,
    lowResource: false,
    f16: 'Phi-3.5-mini-instruct-q4f16_1-MLC',
    f32: 'Phi-3.5-mini-instruct-q4f32_1-MLC',
    vramMB: { f16: 3672, f32: 5483 },
  },
  'gemma-2-2b': {
    name: 'Gemma 2 2B',
    params: 2.6,
    contextWindow: 4096,
    licence: 'https://ai.google.dev/gemma/terms',
    lowResource: false,
    f16: 'gemma-2-2b-it-q4f16_1-MLC',
    f32: 'gemma-2-2b-it-q4f32_1-MLC',
    vramMB: { f16: 1895, f32: 2509 },
  },
};

export const TASK_MODELS: Record<TaskKind, { recommended: string; alternatives: string[] }> = {
  chat: {
    recommended: 'llama-3.2-1b',
    alternatives: ['qwen-2.5-1.5b', 'llama-3.2-3b', 'phi-3.5-mini', 'qwen-2.5-0.5b'],
  },
  summarise: { recommended: 'llama-3.2-3b', alternatives: ['llama-3.2-1b', 'qwen-2.5-1.5b', 'phi-3.5-mini'] },
  translate: { recommended: 'qwen-2.5-1.5b', alternatives: ['gemma-2-2b', 'llama-3.2-3b', 'qwen-2.5-0.5b'] },
  sql: { recommended: 'qwen-2.5-coder-1.5b', alternatives: ['qwen-2.5-1.5b', 'llama-3.2-3b'] },
};

export interface CatalogChoice {
  family: string;
  name: string;
  /** The build for this device, or null when none fits. */
  model: ModelRef | null;
  /** Approximate download, MB. */
  downloadMB: number;
  vramMB: number | null;
  contextWindow: number;
  licence: string;
  fits: boolean;
  /** Why it does not fit, or which build was chosen, in plain words. */
  note: string;
}

const MB = 1 << 20;

/** The build of a family for this device. */
export function chooseBuild(
  familyId: string,
  caps: Pick<DeviceCapabilities, 'webgpu' | 'shaderF16' | 'maxStorageBufferBindingSize'>,
): CatalogChoice {
  const f = FAMILIES[familyId];
  if (!f) throw new Error(`No model family "${familyId}".`);
  const base = {
    family: familyId,
    name: f.name,
    downloadMB: Math.round(f.params * 600),
    contextWindow: f.contextWindow,
    licence: f.licence,
  };
  const needsBuffer = (f.lowResource ? 128 : 1024) * MB;
  if (caps.webgpu && caps.maxStorageBufferBindingSize >= needsBuffer) {
    if (caps.shaderF16 && f.f16)
      return {
        ...base,
        model: { engine: 'webllm', id: f.f16 },
        vramMB: f.vramMB.f16 ?? null,
        fits: true,
        note: 'WebGPU, 16-bit',
      };
    if (f.f32)
      return {
        ...base,
        model: { engine: 'webllm', id: f.f32 },
        vramMB: f.vramMB.f32 ?? null,
        fits: true,
        note: caps.shaderF16 ? 'WebGPU, 32-bit' : 'WebGPU, 32-bit (this GPU has no shader-f16)',
      };
  }
  if (f.gguf) {
    const why = caps.webgpu ? 'the GPU allows too little memory per buffer' : 'no WebGPU';
    return {
      ...base,
      model: { engine: 'wllama', id: f.gguf.id, url: f.gguf.url },
      vramMB: null,
      fits: true,
      note: `CPU with llama.cpp (${why})`,
    };
  }
  const why = !caps.webgpu
    ? 'needs WebGPU, and there is no llama.cpp build of it'
    : `needs ${needsBuffer / MB} MB GPU buffers; this GPU allows ${Math.round(caps.maxStorageBufferBindingSize / MB)} MB`;
  return { ...base, model: null, vramMB: null, fits: false, note: `Will not run here: ${why}` };
}

/** A task's models for this device: the recommended one first, then alternatives that fit, then those that do not. */
export function catalogFor(
  task: TaskKind,
  caps: Pick<DeviceCapabilities, 'webgpu' | 'shaderF16' | 'maxStorageBufferBindingSize'>,
): CatalogChoice[] {
  const { recommended, alternatives } = TASK_MODELS[task];
  const choices = [recommended, ...alternatives].map((id) => chooseBuild(id, caps));
  return [...choices.filter((c) => c.fits), ...choices.filter((c) => !c.fits)];
}

/**
 * The model families the catalog offers, each with its builds: WebLLM (MLC, WebGPU) in 16- and
 * 32-bit, and a llama.cpp GGUF (CPU, or WebGPU where a real GPU exists).
 */
export interface Family {
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
    gguf: {
      id: 'Llama-3.2-3B-Instruct-Q4_K_M',
      url: `${HF}/bartowski/Llama-3.2-3B-Instruct-GGUF/resolve/main/Llama-3.2-3B-Instruct-Q4_K_M.gguf`,
    },
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
    gguf: {
      id: 'Phi-3.5-mini-instruct-Q4_K_M',
      url: `${HF}/bartowski/Phi-3.5-mini-instruct-GGUF/resolve/main/Phi-3.5-mini-instruct-Q4_K_M.gguf`,
    },
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
    gguf: {
      id: 'gemma-2-2b-it-Q4_K_M',
      url: `${HF}/bartowski/gemma-2-2b-it-GGUF/resolve/main/gemma-2-2b-it-Q4_K_M.gguf`,
    },
  },
  // Tuned for text-to-SQL (Qwen2.5-Coder 3B fine-tuned on SQL generation); llama.cpp only.
  'xiyan-sql-3b': {
    name: 'XiYanSQL QwenCoder 3B',
    params: 3.1,
    contextWindow: 4096,
    licence: APACHE,
    lowResource: false,
    vramMB: {},
    gguf: {
      id: 'XiYanSQL-QwenCoder-3B-2502.Q4_K_M',
      url: `${HF}/mradermacher/XiYanSQL-QwenCoder-3B-2502-GGUF/resolve/main/XiYanSQL-QwenCoder-3B-2502.Q4_K_M.gguf`,
    },
  },
};

/**
 * The model used when the user has not chosen one, by device: WebLLM on WebGPU (the f32
 * build where shader-f16 is missing), otherwise a llama.cpp GGUF on the CPU. The catalog
 * issue replaces this with a full per-task catalog.
 */
import type { DeviceCapabilities, ModelRef } from '../protocol';

export const DEFAULT_WEBLLM_F16: ModelRef = { engine: 'webllm', id: 'Llama-3.2-1B-Instruct-q4f16_1-MLC' };
export const DEFAULT_WEBLLM_F32: ModelRef = { engine: 'webllm', id: 'Llama-3.2-1B-Instruct-q4f32_1-MLC' };
export const DEFAULT_GGUF: ModelRef = {
  engine: 'wllama',
  id: 'Llama-3.2-1B-Instruct-Q4_K_M',
  url: 'https://huggingface.co/bartowski/Llama-3.2-1B-Instruct-GGUF/resolve/main/Llama-3.2-1B-Instruct-Q4_K_M.gguf',
};

/** Context window an engine gets when a model does not say: llama.cpp allocates 2,048 here. */
export const DEFAULT_CONTEXT_WINDOW: Record<ModelRef['engine'], number> = {
  wllama: 2048,
  webllm: 4096,
  synthetic: 4096,
  remote: 16_384,
  // Chrome's built-in model reports its own quota per session; this is below every one seen.
  builtin: 4096,
};

export function defaultModelFor(
  capabilities: Pick<DeviceCapabilities, 'webgpu' | 'shaderF16'> &
    Partial<Pick<DeviceCapabilities, 'defaultEngine'>>,
): ModelRef {
  // A software adapter, or a GPU the calibration measured slower than the CPU: llama.cpp.
  if (!capabilities.webgpu || capabilities.defaultEngine === 'wllama') return DEFAULT_GGUF;
  return capabilities.shaderF16 ? DEFAULT_WEBLLM_F16 : DEFAULT_WEBLLM_F32;
}

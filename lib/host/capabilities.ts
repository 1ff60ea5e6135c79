/**
 * What this device offers for inference, read in the engine host: WebGPU adapter, its
 * info, shader-f16 and buffer limits. Model choice uses it to respect the device.
 */
import type { Calibration, CpuInfo, DeviceCapabilities } from '../protocol';
import { softwareRenderer } from '../engine/gpu-adapter';

interface GpuLike {
  requestAdapter(options?: {
    powerPreference?: 'high-performance' | 'low-power';
  }): Promise<AdapterLike | null>;
}

interface AdapterLike {
  features: { has(name: string): boolean };
  limits: { maxBufferSize: number; maxStorageBufferBindingSize: number };
  info?: {
    vendor?: string;
    architecture?: string;
    device?: string;
    description?: string;
    isFallbackAdapter?: boolean;
  };
  isFallbackAdapter?: boolean;
}

const UNKNOWN_CPU: CpuInfo = {
  hostIsolated: false,
  workerIsolated: false,
  llamaThreads: 1,
  threadsReason: 'one thread: the engine Worker did not report',
};

/**
 * @param cpu what the engine Worker reported about isolation and threads (see worker-client).
 * @param calibration this device's measured speeds, when known: they decide the default engine.
 */
export async function readCapabilities(
  nav: { gpu?: unknown; hardwareConcurrency?: number } = navigator,
  cpu: CpuInfo = UNKNOWN_CPU,
  calibration: Calibration | null = null,
): Promise<DeviceCapabilities> {
  const base = {
    cpu,
    calibration,
    hardwareConcurrency: nav.hardwareConcurrency ?? 1,
    shaderF16: false,
    maxBufferSize: 0,
    maxStorageBufferBindingSize: 0,
  };
  const gpu = nav.gpu as GpuLike | undefined;
  if (!gpu) {
    return {
      ...base,
      webgpu: false,
      adapter: null,
      defaultEngine: 'wllama',
      reason: 'This browser has no WebGPU; models run on the CPU with llama.cpp.',
    };
  }
  let adapter: AdapterLike | null = null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch {
    adapter = null;
  }
  if (!adapter) {
    return {
      ...base,
      webgpu: false,
      adapter: null,
      defaultEngine: 'wllama',
      reason:
        'WebGPU found no usable GPU adapter (it may be blocked or disabled); models run on the CPU with llama.cpp.',
    };
  }
  const info = adapter.info ?? {};
  const facts = {
    vendor: info.vendor ?? '',
    architecture: info.architecture ?? '',
    device: info.device ?? '',
    description: info.description ?? '',
    isFallbackAdapter: Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter),
  };
  const software = softwareRenderer(facts);
  const rates = calibration?.gbPerSecond;
  const cpuFaster = rates?.webllm !== undefined && (rates['llamacpp-cpu'] ?? 0) > rates.webllm;
  return {
    ...base,
    webgpu: true,
    adapter: { ...facts, software },
    shaderF16: adapter.features.has('shader-f16'),
    maxBufferSize: adapter.limits.maxBufferSize,
    maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
    // A software adapter runs WebGPU on the CPU, far slower than llama.cpp's own CPU code.
    defaultEngine: software || cpuFaster ? 'wllama' : 'webllm',
    reason: software
      ? `WebGPU here is ${software}, a software renderer, not a GPU: models run faster on the CPU with llama.cpp. WebLLM still works if you pick it, slowly.`
      : cpuFaster
        ? 'This GPU measured slower than the CPU here: models run on the CPU with llama.cpp.'
        : null,
  };
}

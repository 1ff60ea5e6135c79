/**
 * What this device offers for inference, read in the engine host: WebGPU adapter, its
 * info, shader-f16 and buffer limits. Model choice uses it to respect the device.
 */
import type { DeviceCapabilities } from '../protocol';

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

export async function readCapabilities(
  nav: { gpu?: unknown; hardwareConcurrency?: number } = navigator,
): Promise<DeviceCapabilities> {
  const base = {
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
  return {
    ...base,
    webgpu: true,
    adapter: {
      vendor: info.vendor ?? '',
      architecture: info.architecture ?? '',
      device: info.device ?? '',
      description: info.description ?? '',
      isFallbackAdapter: Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter),
    },
    shaderF16: adapter.features.has('shader-f16'),
    maxBufferSize: adapter.limits.maxBufferSize,
    maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
    defaultEngine: 'webllm',
    reason: null,
  };
}

/**
 * Where llama.cpp puts a model's layers: all of them on a real GPU's WebGPU adapter, none on a
 * software adapter or without WebGPU, or what the model ref asks for. A load that fails on the
 * GPU (out of memory, a driver refusing a shader) is tried again on the CPU, and says so.
 */
import { errorMessage } from '../protocol';

export interface LayerPlan {
  /** undefined = every layer (llama.cpp's default); 0 = CPU only. */
  layers: number | undefined;
  why: string;
}

export function planGpuLayers(
  requested: number | undefined,
  adapter: { software: string | null } | null,
): LayerPlan {
  if (requested !== undefined)
    return {
      layers: requested,
      why: requested ? `${requested} layers on WebGPU, as chosen` : 'CPU, as chosen',
    };
  if (!adapter) return { layers: 0, why: 'no WebGPU adapter' };
  if (adapter.software)
    return { layers: 0, why: `WebGPU here is ${adapter.software}, a software renderer: the CPU is faster` };
  return { layers: undefined, why: 'every layer on the GPU' };
}

export interface Placed {
  onGpu: boolean;
  /** Why the GPU was given up, when it was. */
  fallback: string | null;
}

/**
 * Runs `load` with the plan's layers; if that fails on the GPU, reports why and loads on the CPU.
 * @throws whatever the CPU load throws.
 */
export async function loadWithGpuFallback(
  plan: LayerPlan,
  load: (layers: number | undefined) => Promise<void>,
  onFallback: (reason: string) => void,
): Promise<Placed> {
  if (plan.layers === 0) {
    await load(0);
    return { onGpu: false, fallback: null };
  }
  try {
    await load(plan.layers);
    return { onGpu: true, fallback: null };
  } catch (error) {
    const reason = errorMessage(error);
    onFallback(reason);
    await load(0);
    return { onGpu: false, fallback: reason };
  }
}

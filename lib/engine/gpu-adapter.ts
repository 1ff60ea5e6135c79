/**
 * Whether a WebGPU adapter is a real GPU. Software renderers (SwiftShader, llvmpipe/lavapipe,
 * WARP, "Microsoft Basic Render Driver") implement WebGPU on the CPU: fine for correctness,
 * many times slower than llama.cpp's own CPU code for inference. The browser flags some as
 * fallback adapters, but not reliably (SwiftShader often is not), so the names count too.
 */
export interface AdapterFacts {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}

const SOFTWARE_RENDERERS: [RegExp, string][] = [
  [/swiftshader/i, 'SwiftShader'],
  [/llvmpipe/i, 'llvmpipe'],
  [/lavapipe/i, 'lavapipe'],
  [/softpipe/i, 'softpipe'],
  [/microsoft basic render/i, 'Microsoft Basic Render Driver'],
  [/\bwarp\b/i, 'WARP'],
];

/** The software renderer's name when `info` is one, else null (a real GPU). */
export function softwareRenderer(info: AdapterFacts | null | undefined): string | null {
  if (!info) return null;
  const text = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ');
  for (const [pattern, name] of SOFTWARE_RENDERERS) if (pattern.test(text)) return name;
  return info.isFallbackAdapter ? 'a fallback (software) adapter' : null;
}

interface GpuLike {
  requestAdapter(): Promise<{ info?: AdapterFacts; isFallbackAdapter?: boolean } | null>;
}

/**
 * Asks this context's WebGPU for its adapter: null without WebGPU or adapter, else whether it
 * is software. Works in Workers too (where llama.cpp decides its GPU layers).
 */
export async function probeAdapter(
  gpu: unknown = (globalThis.navigator as { gpu?: unknown } | undefined)?.gpu,
): Promise<{ software: string | null } | null> {
  if (!gpu) return null;
  try {
    const adapter = await (gpu as GpuLike).requestAdapter();
    if (!adapter) return null;
    return {
      software: softwareRenderer({
        ...adapter.info,
        isFallbackAdapter: adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter,
      }),
    };
  } catch {
    return null;
  }
}

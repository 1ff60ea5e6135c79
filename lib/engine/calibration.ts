/**
 * Measures, in the engine Worker, how fast each engine kind available here can stream model
 * weights through a matrix-vector product — the operation that bounds decoding (every token
 * reads every weight once). No model is needed, so it can run before any download and takes
 * about a second. It is an estimate, not a benchmark of the engines themselves: the same f32
 * product on the CPU (JavaScript, one thread, scaled by llama.cpp's threads) and on the WebGPU
 * adapter, so the two are compared like for like. What it reliably tells apart is a real GPU
 * (tens to hundreds of GB/s), a software adapter (well under the CPU) and the CPU itself.
 */
import type { Calibration, EngineKind } from '../protocol';

const ROWS = 1024;
const COLS = 4096; // 16 MB of f32 weights: past every CPU cache, small for any GPU
const BYTES = ROWS * COLS * 4;

/** GB/s of weights one CPU thread streams through a matrix-vector product. */
export function measureCpu(budgetMs = 300, now: () => number = () => performance.now()): number {
  const m = new Float32Array(ROWS * COLS);
  for (let i = 0; i < m.length; i += 97) m[i] = (i % 13) / 13;
  const x = new Float32Array(COLS).fill(0.5);
  const y = new Float32Array(ROWS);
  const pass = () => {
    for (let r = 0; r < ROWS; r++) {
      let s0 = 0;
      let s1 = 0;
      const base = r * COLS;
      for (let c = 0; c < COLS; c += 2) {
        s0 += m[base + c]! * x[c]!;
        s1 += m[base + c + 1]! * x[c + 1]!;
      }
      y[r] = s0 + s1;
    }
  };
  pass(); // warm up: compile, page in
  const start = now();
  let passes = 0;
  do {
    pass();
    passes++;
  } while (now() - start < budgetMs);
  return (passes * BYTES) / ((now() - start) / 1000) / 1e9;
}

/* Just the WebGPU surface used here (the project has no @webgpu/types). */
interface Gpu {
  requestAdapter(): Promise<{ requestDevice(): Promise<Device> } | null>;
}
interface Buffer {
  destroy(): void;
}
interface Device {
  queue: { submit(buffers: unknown[]): void; onSubmittedWorkDone(): Promise<void> };
  createBuffer(d: { size: number; usage: number }): Buffer;
  createShaderModule(d: { code: string }): unknown;
  createComputePipeline(d: { layout: 'auto'; compute: { module: unknown; entryPoint: string } }): {
    getBindGroupLayout(i: number): unknown;
  };
  createBindGroup(d: {
    layout: unknown;
    entries: { binding: number; resource: { buffer: Buffer } }[];
  }): unknown;
  createCommandEncoder(): {
    beginComputePass(): {
      setPipeline(p: unknown): void;
      setBindGroup(i: number, g: unknown): void;
      dispatchWorkgroups(x: number): void;
      end(): void;
    };
    finish(): unknown;
  };
  destroy(): void;
}

const STORAGE = 0x80; // GPUBufferUsage.STORAGE
const SHADER = /* wgsl */ `
@group(0) @binding(0) var<storage, read> m: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read> x: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  let r = id.x;
  if (r >= ${ROWS}u) { return; }
  var s = 0.0;
  for (var c = 0u; c < ${COLS / 4}u; c++) { s += dot(m[r * ${COLS / 4}u + c], x[c]); }
  y[r] = s;
}`;

/** GB/s of weights this context's WebGPU adapter streams through the same product; null without one. */
export async function measureGpu(
  gpu: unknown = (navigator as { gpu?: unknown }).gpu,
  budgetMs = 400,
  now: () => number = () => performance.now(),
): Promise<number | null> {
  const adapter = await (gpu as Gpu | undefined)?.requestAdapter().catch(() => null);
  const device = await adapter?.requestDevice().catch(() => null);
  if (!device) return null;
  try {
    const buffers = [BYTES, COLS * 4, ROWS * 4].map((size) => device.createBuffer({ size, usage: STORAGE }));
    const pipeline = device.createComputePipeline({
      layout: 'auto',
      compute: { module: device.createShaderModule({ code: SHADER }), entryPoint: 'main' },
    });
    const group = device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
    });
    const run = async (times: number) => {
      const encoder = device.createCommandEncoder();
      for (let i = 0; i < times; i++) {
        const pass = encoder.beginComputePass();
        pass.setPipeline(pipeline);
        pass.setBindGroup(0, group);
        pass.dispatchWorkgroups(Math.ceil(ROWS / 64));
        pass.end();
      }
      device.queue.submit([encoder.finish()]);
      await device.queue.onSubmittedWorkDone();
    };
    await run(1); // warm up: shader compilation
    const start = now();
    let passes = 0;
    // Batches grow until the budget is spent, so a fast GPU is not timed on submit overhead.
    for (let batch = 1; now() - start < budgetMs; batch = Math.min(batch * 2, 256)) {
      await run(batch);
      passes += batch;
    }
    for (const b of buffers) b.destroy();
    return (passes * BYTES) / ((now() - start) / 1000) / 1e9;
  } finally {
    device.destroy();
  }
}

/**
 * The calibration for this device: CPU and GPU rates, mapped to engine kinds. A software
 * adapter's rate stands for WebLLM and llama.cpp-on-WebGPU alike, which is why it loses.
 */
export async function calibrate(
  device: string,
  options: { threads: number; gpu?: unknown; now?: () => number },
): Promise<Calibration> {
  const now = options.now ?? (() => performance.now());
  const start = now();
  const notes: string[] = [];
  const cpuOne = measureCpu(300, now);
  const gbPerSecond: Partial<Record<EngineKind, number>> = { 'llamacpp-cpu': cpuOne * options.threads };
  notes.push(
    `CPU: ${cpuOne.toFixed(2)} GB/s on one thread × ${options.threads} thread${options.threads > 1 ? 's' : ''} for llama.cpp`,
  );
  const gpu = await measureGpu(options.gpu, 400, now).catch(() => null);
  if (gpu === null) notes.push('No WebGPU adapter here: WebLLM and llama.cpp on WebGPU are unavailable.');
  else {
    gbPerSecond.webllm = gpu;
    gbPerSecond['llamacpp-gpu'] = gpu;
    notes.push(`WebGPU: ${gpu.toFixed(2)} GB/s`);
  }
  return { device, measuredAt: Date.now(), elapsedMs: Math.round(now() - start), gbPerSecond, notes };
}

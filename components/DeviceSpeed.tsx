/**
 * This device as the engine host sees it: the GPU (or why there is none worth using), llama.cpp's
 * threads, and the measured speed of each engine kind, with a button to measure again.
 * Props in, events out.
 */
import type { DeviceCapabilities, EngineKind } from '@/lib/protocol';

const KINDS: { kind: EngineKind; label: string }[] = [
  { kind: 'webllm', label: 'WebLLM on WebGPU' },
  { kind: 'llamacpp-gpu', label: 'llama.cpp on WebGPU' },
  { kind: 'llamacpp-cpu', label: 'llama.cpp on the CPU' },
];

export function DeviceSpeed({
  caps,
  measuring,
  onMeasure,
}: {
  caps: DeviceCapabilities;
  measuring: boolean;
  onMeasure: () => void;
}) {
  const rates = caps.calibration?.gbPerSecond ?? {};
  const best = KINDS.filter(({ kind }) => rates[kind] !== undefined).sort(
    (a, b) => rates[b.kind]! - rates[a.kind]!,
  )[0];
  return (
    <div class="device" data-testid="device">
      <p class="hint">
        {caps.webgpu
          ? `GPU: ${caps.adapter?.description || caps.adapter?.vendor || 'WebGPU adapter'}${caps.shaderF16 ? ', 16-bit shaders' : ', no 16-bit shaders'}`
          : 'No GPU for WebGPU.'}{' '}
        {caps.reason}
      </p>
      <p class="hint">llama.cpp: {caps.cpu.threadsReason}.</p>
      {caps.calibration && (
        <table class="speeds" data-testid="device-speeds">
          <caption>
            Measured here (weights streamed per second; a model decodes about this ÷ its size), in{' '}
            {(caps.calibration.elapsedMs / 1000).toFixed(1)} s
          </caption>
          <tbody>
            {KINDS.map(({ kind, label }) => (
              <tr key={kind}>
                <th scope="row">{label}</th>
                <td>
                  {rates[kind] === undefined ? 'not available here' : `${rates[kind].toFixed(2)} GB/s`}
                  {best?.kind === kind && ' · fastest'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" disabled={measuring} onClick={onMeasure}>
        {measuring ? 'Measuring…' : 'Measure this device again'}
      </button>
    </div>
  );
}

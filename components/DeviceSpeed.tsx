/**
 * This device as the engine host sees it: the GPU (or why there is none worth using), llama.cpp's
 * threads, and the measured speed of each engine kind, with a button to measure again.
 * Props in, events out.
 */
import { t, type MessageKey } from '@/lib/i18n/i18n';
import { formatNumber } from '@/lib/ui/format';
import type { DeviceCapabilities, EngineKind } from '@/lib/protocol';

const KINDS: { kind: EngineKind; label: MessageKey }[] = [
  { kind: 'webllm', label: 'device_kind_webllm' },
  { kind: 'llamacpp-gpu', label: 'device_kind_llamacpp_gpu' },
  { kind: 'llamacpp-cpu', label: 'device_kind_llamacpp_cpu' },
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
          ? t(
              caps.shaderF16 ? 'device_gpu_f16' : 'device_gpu_no_f16',
              caps.adapter?.description || caps.adapter?.vendor || t('device_adapter'),
            )
          : t('device_no_gpu')}{' '}
        <bdi>{caps.reason}</bdi>
      </p>
      <p class="hint">{t('device_threads', caps.cpu.threadsReason)}</p>
      {caps.calibration && (
        <table class="speeds" data-testid="device-speeds">
          <caption>
            {t('device_measured', formatNumber(caps.calibration.elapsedMs / 1000, { min: 1 }))}
          </caption>
          <tbody>
            {KINDS.map(({ kind, label }) => (
              <tr key={kind}>
                <th scope="row">{t(label)}</th>
                <td>
                  {rates[kind] === undefined
                    ? t('device_not_available')
                    : t('device_rate', formatNumber(rates[kind], { min: 2 }))}
                  {best?.kind === kind && t('device_fastest')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" disabled={measuring} onClick={onMeasure}>
        {measuring ? t('device_measuring') : t('device_measure')}
      </button>
    </div>
  );
}

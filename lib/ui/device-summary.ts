/** This device in one sentence for the welcome, in the UI language. */
import type { DeviceCapabilities, EngineKind } from '../protocol';
import { formatNumber } from './format';
import { t, type MessageKey } from '../i18n/i18n';

const KIND_WORDS: Record<EngineKind, MessageKey> = {
  webllm: 'offer_engine_webllm',
  'llamacpp-gpu': 'device_llamacpp_on_gpu',
  'llamacpp-cpu': 'device_kind_llamacpp_cpu',
};

/** Its GPU (or why it is not used), the fastest engine measured, and its CPU cores. */
export function deviceSummary(caps: DeviceCapabilities): string {
  const gpu = !caps.webgpu
    ? t('device_summary_no_gpu')
    : caps.adapter?.software
      ? t('device_summary_software', caps.adapter.software)
      : t('device_summary_gpu', caps.adapter?.description || caps.adapter?.vendor || t('device_adapter'));
  const rates = Object.entries(caps.calibration?.gbPerSecond ?? {}) as [EngineKind, number][];
  const best = rates.sort((a, b) => b[1] - a[1])[0];
  const cores = t('device_summary_cores', formatNumber(caps.hardwareConcurrency));
  return best
    ? t('device_summary_fastest', gpu, t(KIND_WORDS[best[0]]), cores)
    : t('device_summary', gpu, cores);
}

/**
 * What this device offers, as the host answers `capabilities`: the WebGPU adapter (read here),
 * isolation and threads (reported by the engine Worker), and the calibration — measured once per
 * device and browser version, kept in the host's localStorage, measured again on demand or when
 * the browser or the GPU changes.
 */
import type { Calibration, DeviceCapabilities } from '../protocol';
import type { WorkerEnvironment } from '../engine/worker-messages';
import { readCapabilities } from './capabilities';

export interface ProfileDeps {
  engines: {
    environment(): Promise<WorkerEnvironment>;
    calibrate(device: string): Promise<Calibration>;
  };
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  nav: { gpu?: unknown; hardwareConcurrency?: number; userAgent: string };
  hostIsolated: boolean;
}

const KEY = 'local-ai/calibration';

/** Browser with its version, and the GPU: what a calibration is valid for. */
export function deviceKey(
  userAgent: string,
  caps: Pick<DeviceCapabilities, 'adapter' | 'hardwareConcurrency'>,
): string {
  const browser = /(?:Edg|Chrome|Chromium)\/[\d.]+/.exec(userAgent)?.[0] ?? userAgent;
  const gpu = caps.adapter
    ? [caps.adapter.vendor, caps.adapter.architecture, caps.adapter.description].filter(Boolean).join(' ') ||
      'GPU'
    : 'no GPU';
  return `${browser} · ${caps.hardwareConcurrency} cores · ${gpu}`;
}

function stored(storage: ProfileDeps['storage'], device: string): Calibration | null {
  try {
    const c = JSON.parse(storage.getItem(KEY) ?? 'null') as Calibration | null;
    return c?.device === device ? c : null;
  } catch {
    return null;
  }
}

/**
 * Capabilities with this device's calibration, measuring first when there is none for it yet.
 * @param force measure again even when a calibration is stored.
 * @throws nothing the caller must handle: a failed measurement leaves the calibration null.
 */
export async function profileDevice(deps: ProfileDeps, force = false): Promise<DeviceCapabilities> {
  const env = await deps.engines.environment();
  const cpu = {
    hostIsolated: deps.hostIsolated,
    workerIsolated: env.crossOriginIsolated,
    llamaThreads: env.llamaThreads,
    threadsReason: env.threadsReason,
  };
  const plain = await readCapabilities(deps.nav, cpu);
  const device = deviceKey(deps.nav.userAgent, plain);
  let calibration = force ? null : stored(deps.storage, device);
  if (!calibration) {
    calibration = await deps.engines.calibrate(device).catch(() => null);
    if (calibration) deps.storage.setItem(KEY, JSON.stringify(calibration));
  }
  return calibration ? readCapabilities(deps.nav, cpu, calibration) : plain;
}

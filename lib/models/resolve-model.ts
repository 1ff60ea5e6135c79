/**
 * Which model a request names: local first. The task's model, else the user's choice, else the
 * best default for this device — unless the user set a fallback provider and the local model
 * cannot answer well here (no WebGPU, or the page too long for it). Who answers while the named
 * model still downloads is the engine host's decision (lib/host/stand-in.ts), not this one's.
 */
import type { DeviceCapabilities, EngineClient, ModelRef } from '../protocol';
import { activeModelItem, fallbackItem, taskModelsItem, type TaskKind } from '../settings/storage-items';
import { DEFAULT_CONTEXT_WINDOW, defaultModelFor } from './default-models';

export interface Routed {
  model: ModelRef;
  /** Why a provider answers instead of this device, for the answer's footer. */
  note: string | null;
}

const capabilities = new WeakMap<EngineClient, Promise<DeviceCapabilities>>();

export async function routeModel(
  client: EngineClient,
  kind: TaskKind = 'chat',
  needs: { pageChars?: number } = {},
): Promise<Routed> {
  if (!capabilities.has(client)) capabilities.set(client, client.request('capabilities', {}));
  const caps = await capabilities.get(client)!;
  const chosen =
    (await taskModelsItem.getValue())[kind] ?? (await activeModelItem.getValue()) ?? defaultModelFor(caps);
  const fb = await fallbackItem.getValue();
  if (chosen.engine === 'remote' || chosen.engine === 'synthetic' || chosen.engine === 'builtin' || !fb.model)
    return { model: chosen, note: null };
  if (fb.whenNoWebGpu && chosen.engine === 'webllm' && !caps.webgpu) {
    return { model: fb.model, note: 'this device has no WebGPU for the local model' };
  }
  if (
    fb.whenTooLong &&
    needs.pageChars &&
    needs.pageChars / 3.5 > (chosen.contextWindow ?? DEFAULT_CONTEXT_WINDOW[chosen.engine]) * 0.8
  ) {
    return { model: fb.model, note: 'the page is too long for the local model' };
  }
  return { model: chosen, note: null };
}

import type { EngineClient, ModelRef } from '../protocol';
import { activeModelItem } from '../settings/storage-items';
import { defaultModelFor } from './default-models';

/** The model a request should use: the user's choice, else the best default for this device. */
export async function resolveModel(client: EngineClient): Promise<ModelRef> {
  const chosen = await activeModelItem.getValue();
  if (chosen) return chosen;
  return defaultModelFor(await client.request('capabilities', {}));
}

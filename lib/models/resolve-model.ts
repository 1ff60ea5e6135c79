import type { EngineClient, ModelRef } from '../protocol';
import { activeModelItem, taskModelsItem, type TaskKind } from '../settings/storage-items';
import { defaultModelFor } from './default-models';

/** The model a request should use: the one chosen for the task, else the user's choice, else the best default for this device. */
export async function resolveModel(client: EngineClient, kind: TaskKind = 'chat'): Promise<ModelRef> {
  const chosen = (await taskModelsItem.getValue())[kind] ?? (await activeModelItem.getValue());
  if (chosen) return chosen;
  return defaultModelFor(await client.request('capabilities', {}));
}

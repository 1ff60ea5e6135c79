/**
 * What the first-run welcome recommends: one model per task for this device (a model that serves
 * several tasks is listed once, with all of them).
 */
import type { TaskKind } from '../settings/storage-items';
import { catalogFor, type CatalogChoice, type CatalogDevice } from './catalog';

const TASKS: TaskKind[] = ['chat', 'summarise', 'translate', 'sql'];

export interface WelcomePick {
  choice: CatalogChoice;
  /** The tasks it is recommended for (the view names them in the UI language). */
  tasks: TaskKind[];
  /** The first of them: where it is set as the model when downloaded from the welcome. */
  kind: TaskKind;
}

/** The recommended build per task, one entry per model; null where nothing in the catalog fits. */
export function welcomePicks(caps: CatalogDevice): WelcomePick[] | null {
  const picks = new Map<string, WelcomePick>();
  for (const kind of TASKS) {
    const choice = catalogFor(kind, caps)[0];
    if (!choice?.fits || !choice.model) continue;
    const known = picks.get(choice.model.id);
    if (known) known.tasks.push(kind);
    else picks.set(choice.model.id, { choice, tasks: [kind], kind });
  }
  return picks.size ? [...picks.values()] : null;
}

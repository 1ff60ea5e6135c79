/**
 * Answers before the download ends: while the model a chat names is still downloading, the host
 * (where every request passes, so every surface gets the same answer) lets the best thing here
 * now answer in its place, in this order: Chrome's built-in model where Chrome has it ready, the
 * provider the user allowed for this (only where the consent rules let this request's page
 * content go to it), then a local model already on this device (the loaded one first). When the
 * download is done the chat's own model answers again.
 */
import {
  ConsentRequiredError,
  ForbiddenError,
  type BuiltinStatus,
  type Caller,
  type ChatParams,
  type DownloadProgress,
  type ModelRef,
} from '../protocol';
import { sameModel } from '../engine/engine';
import { BUILTIN_MODEL } from '../engine/builtin-engine';

export interface StandInDeps {
  /** Every download the host knows of. */
  downloads: () => DownloadProgress[];
  /** Chrome's built-in model, where the host has the Prompt API. */
  builtin?: { refresh(): Promise<BuiltinStatus> };
  /** The provider model the user allowed to answer while a model downloads, or null. */
  provider: () => Promise<ModelRef | null>;
  /** Whether `params` may go to `model` as asked by `caller` (the host's consent rules). */
  check: (caller: Caller, params: ChatParams) => Promise<void>;
  /** Local models with every file on this device, most recently used first. */
  onDisk: () => Promise<ModelRef[]>;
  loaded: () => ModelRef | null;
}

const UNFINISHED = new Set<DownloadProgress['state']>(['planning', 'downloading', 'paused']);

/** Whether `model` has a download under way (running or paused) and is not here yet. */
export function isDownloading(model: ModelRef, downloads: DownloadProgress[]): boolean {
  return downloads.some((d) => UNFINISHED.has(d.state) && sameModel(d.model, model));
}

/**
 * Who may answer in place of `params.model`, best first; empty when it needs no stand-in (it is
 * not a local model being downloaded) or nothing here can stand in.
 */
export async function standInsFor(
  caller: Caller,
  params: ChatParams,
  deps: StandInDeps,
): Promise<ModelRef[]> {
  const chosen = params.model;
  if (chosen.engine !== 'webllm' && chosen.engine !== 'wllama') return [];
  if (!isDownloading(chosen, deps.downloads())) return [];
  const found: ModelRef[] = [];
  // Grammars are for our local engines only (the Prompt API takes JSON schemas, providers neither).
  const grammar = params.response_format?.type === 'grammar';
  if (!grammar && deps.builtin && (await deps.builtin.refresh()).availability === 'available')
    found.push(BUILTIN_MODEL);
  const provider = grammar || caller.kind === 'web-page' ? null : await deps.provider().catch(() => null);
  if (provider && (await allowed(caller, { ...params, model: provider }, deps))) found.push(provider);
  const loaded = deps.loaded();
  const local = (await deps.onDisk().catch(() => [])).filter(
    (m) => (m.engine === 'webllm' || m.engine === 'wllama') && !sameModel(m, chosen),
  );
  const here = local.find((m) => sameModel(m, loaded)) ?? local[0];
  if (here) found.push(here);
  return found;
}

/** A provider stands in only where the request could have gone to it directly. */
async function allowed(caller: Caller, params: ChatParams, deps: StandInDeps): Promise<boolean> {
  try {
    await deps.check(caller, params);
    return true;
  } catch (error) {
    if (error instanceof ConsentRequiredError || error instanceof ForbiddenError) return false;
    throw error;
  }
}

/**
 * Makes the model a web page's `create()` asked for ready: on this device (downloaded through the
 * verified downloader, only once the user said so in the side panel: see site-downloads.ts) and
 * loaded, with one progress from 0 to 1 for the page's monitor (`downloadprogress`). A download
 * the user already runs is joined, not asked about again.
 */
import {
  AbortedError,
  ConsentRequiredError,
  ModelNotDownloadedError,
  type LoadProgress,
  type ModelRef,
} from '../protocol';
import { sameModel } from '../engine/engine';
import type { EngineService } from '../engine/engine-runtime';
import type { ModelHost } from '../models/model-host';
import type { CallContext, Handler } from './handlers';
import { requireOnDevice } from './page-policy';
import type { BuiltinEngine } from '../engine/builtin-engine';
import type { SiteDownloads } from './site-downloads';

/** The part of the page's progress the download takes when there is one; loading is the rest. */
const DOWNLOAD_SHARE = 0.9;

export interface ModelReadyDeps {
  engines: Pick<EngineService, 'stats' | 'isCached'>;
  models?: Pick<ModelHost, 'downloads' | 'download'>;
  siteDownloads: SiteDownloads;
  load: Handler<'load'>;
  /** Listeners to the one engine's load progress. */
  loadProgress: Set<(progress: LoadProgress) => void>;
  /** Listeners called whenever a download's progress changes. */
  downloadProgress: Set<() => void>;
  /** Chrome's built-in model, whose availability decides whether a site may use it now. */
  builtin?: Pick<BuiltinEngine, 'refresh'>;
}

/**
 * Downloads (with the user's say) and loads `model` for `origin`, reporting progress to `ctx`.
 * @throws {ConsentRequiredError} the user refused the download, paused or cancelled it, or did not answer.
 * @throws {ModelNotDownloadedError} this host downloads nothing (no model service).
 * @throws {AbortedError} the page gave up.
 */
export async function readyModel(
  origin: string,
  model: ModelRef,
  ctx: CallContext<'page.create'>,
  deps: ModelReadyDeps,
): Promise<void> {
  let last = -1;
  const report = (progress: number) => {
    // Monotonic, so a page's progress bar never runs backwards between the two phases.
    const value = Math.min(1, Math.max(0, progress));
    if (value <= last) return;
    last = value;
    ctx.onChunk({ progress: value });
  };
  // Chrome downloads its own model when asked to create a session: never for a site's request.
  if (model.engine === 'builtin') {
    const { availability } = (await deps.builtin?.refresh()) ?? { availability: 'unavailable' };
    if (availability !== 'available')
      throw new ModelNotDownloadedError(
        `Chrome's built-in model is not on this device yet (${availability}). Local AI does not start its download for a site: the user can choose another model in Local AI.`,
      );
  }
  const share = (await needsDownload(model, deps)) ? DOWNLOAD_SHARE : 0;
  if (share) await download(origin, model, ctx, deps, (fraction) => report(fraction * share));
  const listener = (p: LoadProgress) => {
    if (sameModel(p.model, model)) report(share + (1 - share) * p.progress);
  };
  deps.loadProgress.add(listener);
  try {
    await deps.load(model, { ...ctx, onChunk: () => undefined });
  } finally {
    deps.loadProgress.delete(listener);
  }
}

async function needsDownload(model: ModelRef, deps: ModelReadyDeps): Promise<boolean> {
  if (sameModel(deps.engines.stats().loaded, model)) return false;
  try {
    await requireOnDevice(model, deps.engines);
    return false;
  } catch (error) {
    if (error instanceof ModelNotDownloadedError) return true;
    throw error;
  }
}

async function download(
  origin: string,
  model: ModelRef,
  ctx: CallContext<'page.create'>,
  deps: ModelReadyDeps,
  report: (fraction: number) => void,
): Promise<void> {
  const models = deps.models;
  if (!models) throw new ModelNotDownloadedError(`${model.id} is not on this device.`);
  const job = () =>
    models.downloads().find((d) => d.model.engine === model.engine && d.model.id === model.id);
  const active = job();
  // A paused, failed or cancelled download is the user's to restart, not the page's.
  if (active?.state !== 'downloading' && active?.state !== 'planning')
    await deps.siteDownloads.wait(origin, model, ctx.signal);
  const follow = () => {
    const d = job();
    if (d && d.totalBytes > 0) report(d.receivedBytes / d.totalBytes);
  };
  deps.downloadProgress.add(follow);
  try {
    follow();
    await untilAborted(models.download(model), ctx.signal);
  } catch (error) {
    if (!(error instanceof AbortedError) || ctx.signal.aborted) throw error;
    throw new ConsentRequiredError(
      `The user paused or cancelled the download of ${model.id}; call create() again once it is on this device.`,
    );
  } finally {
    deps.downloadProgress.delete(follow);
  }
}

/** The download goes on for every other site and panel; only this page stops waiting for it. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new AbortedError('The page stopped waiting for the download.'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new AbortedError('The page stopped waiting for the download.'));
    signal.addEventListener('abort', onAbort, { once: true });
    void work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

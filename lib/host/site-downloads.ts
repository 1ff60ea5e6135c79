/**
 * Sites whose page-API `create()` waits for the user to download the model: nothing downloads
 * behind the user's back, so a site asking for a model that is not on this device is put before
 * the user in the side panel (host status, extension pages only), and its `create()` waits until
 * the user starts the download there or refuses. Kept in memory: a request lives as long as the
 * page's call waits.
 */
import {
  AbortedError,
  ConsentRequiredError,
  RateLimitedError,
  type ModelRef,
  type SiteDownloadRequest,
} from '../protocol';

/** How long a site's `create()` waits for the user's answer before it is refused. */
export const SITE_DOWNLOAD_WAIT_MS = 5 * 60_000;
/** Sites waiting at once, at most: a flood of origins cannot fill the panel. */
const MAX_SITES = 8;

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
}

interface Pending extends SiteDownloadRequest {
  waiters: Set<Waiter>;
}

export class SiteDownloads {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly deps: {
      onChange: () => void;
      setTimer?: (run: () => void, ms: number) => () => void;
    },
  ) {}

  list(): SiteDownloadRequest[] {
    return [...this.pending.values()].map(({ origin, model }) => ({ origin, model }));
  }

  /**
   * Waits until the user answers `origin`'s request to download `model`: resolves when they start
   * the download, rejects when they refuse, after SITE_DOWNLOAD_WAIT_MS, or when `signal` aborts.
   * @throws {ConsentRequiredError} the user refused, or did not answer in time.
   * @throws {RateLimitedError} too many sites are waiting already.
   * @throws {AbortedError} the page gave up (its signal, or it went away).
   */
  wait(origin: string, model: ModelRef, signal: AbortSignal): Promise<void> {
    let entry = this.pending.get(origin);
    // The user's model changed while the site waited: what the panel shows is what would download.
    if (entry && !(entry.model.engine === model.engine && entry.model.id === model.id)) {
      this.answer(
        origin,
        false,
        `The model for web pages changed to ${model.id}; the user is asked about it.`,
      );
      entry = undefined;
    }
    if (!entry) {
      if (this.pending.size >= MAX_SITES)
        return Promise.reject(
          new RateLimitedError('Too many sites are waiting for a download; try again later.'),
        );
      entry = { origin, model, waiters: new Set() };
      this.pending.set(origin, entry);
      this.deps.onChange();
    }
    const request = entry;
    return new Promise<void>((resolve, reject) => {
      const setTimer = this.deps.setTimer ?? defaultTimer;
      const done = () => {
        cancelTimer();
        signal.removeEventListener('abort', onAbort);
        request.waiters.delete(waiter);
        if (!request.waiters.size && this.pending.get(origin) === request) {
          this.pending.delete(origin);
          this.deps.onChange();
        }
      };
      const waiter: Waiter = {
        resolve: () => (done(), resolve()),
        reject: (error) => (done(), reject(error)),
      };
      const onAbort = () => waiter.reject(new AbortedError('The page stopped waiting for the download.'));
      const cancelTimer = setTimer(
        () =>
          waiter.reject(
            new ConsentRequiredError(
              `The user did not answer whether to download ${model.id} for ${origin}; call create() again to ask again.`,
            ),
          ),
        SITE_DOWNLOAD_WAIT_MS,
      );
      request.waiters.add(waiter);
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /**
   * The user's answer for `origin` (extension UI): with `download`, the model the site waits for
   * (the caller starts its download) and every waiting call goes on; without, they are refused.
   * Null when nothing waits for `origin` (already answered, or the page gave up). `why` replaces the
   * refusal message.
   */
  answer(origin: string, download: boolean, why?: string): ModelRef | null {
    const entry = this.pending.get(origin);
    if (!entry) return null;
    this.pending.delete(origin);
    this.deps.onChange();
    const refusal = why ?? `The user chose not to download ${entry.model.id} for now.`;
    for (const waiter of [...entry.waiters]) {
      if (download) waiter.resolve();
      else waiter.reject(new ConsentRequiredError(refusal));
    }
    return entry.model;
  }
}

function defaultTimer(run: () => void, ms: number): () => void {
  const id = setTimeout(run, ms);
  return () => clearTimeout(id);
}

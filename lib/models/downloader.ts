/**
 * Downloads models like a good package manager: size known before the first shard, several
 * files at once, progress with speed and time left pushed to every panel, pause / resume /
 * cancel, resume from the last stored byte (HTTP Range) after any interruption, retries with
 * backoff, every file verified (size, SHA-256 or SRI where known) before it is written to the
 * cache WebLLM or llama.cpp reads. One download per model however many panels ask.
 */
import { AbortedError, LocalAiError, type DownloadProgress, type ModelRef, errorMessage } from '../protocol';

export type { DownloadProgress };
import { modelKey, planDownload, type DownloadFile, type DownloadPlan, type Fetch } from './download-plan';
import type { PartialStore } from './partial-store';
import { isModelUrl } from './hosts';
import { RetryableError, transferFile } from './transfer-file';
import { verifyFile } from './verify-file';

export { matchesIntegrity } from './verify-file';

export interface DownloaderDeps {
  fetch: Fetch;
  caches: CacheStorage;
  partials: PartialStore;
  onChange: (downloads: DownloadProgress[]) => void;
  /** Called once a model is verified and cached in full. */
  onReady?: (plan: DownloadPlan) => Promise<void> | void;
  /** Files fetched at once. */
  parallel?: number;
  retries?: number;
  backoffMs?: number;
  /** Free space is checked against the plan before the first byte moves. */
  storage?: Pick<StorageManager, 'estimate'>;
  /** Where a file may come from after redirects (model hosts and this machine by default). */
  allowedUrl?: (url: string) => boolean;
}

interface Job {
  progress: DownloadProgress;
  controller: AbortController;
  done: Promise<void>;
  fileBytes: Map<string, number>;
  /** The files, once planned: what cancel() must clear. */
  plan: DownloadPlan | null;
  speed: { at: number; bytes: number };
}

export class Downloader {
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly deps: DownloaderDeps) {}

  list(): DownloadProgress[] {
    return [...this.jobs.values()].map((j) => ({ ...j.progress }));
  }

  /**
   * Downloads `model` (or joins the download already running for it) and resolves when every
   * file is verified and cached.
   * @throws {LocalAiError} when the model cannot be fetched or verified, with what to do.
   */
  download(model: ModelRef): Promise<void> {
    const key = modelKey(model);
    const running = this.jobs.get(key);
    if (running && (running.progress.state === 'downloading' || running.progress.state === 'planning'))
      return running.done;
    const progress: DownloadProgress = {
      key,
      model,
      state: 'planning',
      receivedBytes: 0,
      totalBytes: 0,
      bytesPerSecond: 0,
      secondsLeft: null,
      filesDone: 0,
      files: 0,
      error: null,
    };
    const job: Job = {
      progress,
      controller: new AbortController(),
      done: Promise.resolve(),
      fileBytes: new Map(),
      plan: null,
      speed: { at: performance.now(), bytes: 0 },
    };
    this.jobs.set(key, job);
    job.done = this.run(job).then(
      () => this.update(job, { state: 'ready', secondsLeft: 0, bytesPerSecond: 0 }),
      (error) => {
        if (job.controller.signal.aborted)
          throw new AbortedError(
            job.progress.state === 'paused' ? 'The download is paused.' : 'The download was cancelled.',
          );
        this.update(job, { state: 'failed', error: errorMessage(error) });
        throw error;
      },
    );
    this.emit();
    return job.done;
  }

  /** Stops transfers, keeping every stored byte for resume(). */
  pause(key: string): void {
    const job = this.jobs.get(key);
    if (!job || job.progress.state !== 'downloading') return;
    this.update(job, { state: 'paused', bytesPerSecond: 0, secondsLeft: null });
    job.controller.abort();
  }

  resume(key: string): Promise<void> | undefined {
    const job = this.jobs.get(key);
    return job ? this.download(job.progress.model) : undefined;
  }

  /** Stops and forgets the download, deleting what was stored for it. */
  async cancel(key: string): Promise<void> {
    const job = this.jobs.get(key);
    if (!job) return;
    this.update(job, { state: 'cancelled' });
    job.controller.abort();
    await job.done.catch(() => {});
    // Cancelled while still planning: only a plan names the pieces an earlier attempt stored.
    const plan =
      job.plan ??
      (await planDownload(job.progress.model, this.deps.fetch, { allowedUrl: this.deps.allowedUrl }).catch(
        () => null,
      ));
    for (const file of plan?.files ?? []) await this.deps.partials.remove(file.url);
    this.jobs.delete(key);
    this.emit();
  }

  private async run(job: Job): Promise<void> {
    const plan: DownloadPlan = await planDownload(job.progress.model, this.deps.fetch, {
      allowedUrl: this.deps.allowedUrl,
    });
    job.plan = plan;
    await this.checkSpace(plan);
    this.update(job, { state: 'downloading', totalBytes: plan.totalBytes, files: plan.files.length });
    const queue = [...plan.files];
    const worker = async () => {
      for (let file = queue.shift(); file; file = queue.shift()) {
        await this.fetchFile(job, file);
        this.update(job, { filesDone: job.progress.filesDone + 1 });
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.deps.parallel ?? 4, plan.files.length) }, worker));
    await this.deps.onReady?.(plan);
  }

  private async fetchFile(job: Job, file: DownloadFile): Promise<void> {
    const cache = await this.deps.caches.open(file.cache);
    if (await cache.match(file.url)) {
      this.count(job, file.url, file.size);
      return;
    }
    const retries = this.deps.retries ?? 5;
    for (let attempt = 0; ; attempt++) {
      try {
        const blob = file.body
          ? new Blob([file.body as BlobPart])
          : await transferFile(
              {
                fetch: this.deps.fetch,
                partials: this.deps.partials,
                signal: job.controller.signal,
                onBytes: (bytes) => this.count(job, file.url, bytes),
                allowedUrl: this.deps.allowedUrl ?? isModelUrl,
              },
              file,
            );
        const wrong = await verifyFile(file, blob);
        if (wrong) {
          await this.deps.partials.remove(file.url);
          throw new RetryableError(`${file.url} ${wrong}; fetching it again`);
        }
        try {
          await cache.put(file.url, new Response(blob, { headers: { 'Content-Length': String(blob.size) } }));
        } catch (error) {
          throw new LocalAiError(
            'model-load-failed',
            `Not enough storage for this model (${error instanceof Error ? error.name : String(error)}). Delete a model in Models → Storage, or free disk space, and try again.`,
          );
        }
        await this.deps.partials.remove(file.url);
        this.count(job, file.url, blob.size);
        return;
      } catch (error) {
        if (job.controller.signal.aborted) throw error;
        if (!(error instanceof RetryableError) || attempt >= retries) {
          throw error instanceof RetryableError
            ? new LocalAiError('model-load-failed', `${error.message} (gave up after ${retries + 1} tries).`)
            : error;
        }
        await new Promise((r) => setTimeout(r, (this.deps.backoffMs ?? 500) * 2 ** attempt));
      }
    }
  }

  /**
   * Refuses a download that cannot fit, before it starts, saying what is needed and what is free.
   * Files already cached do not count: a resumed download needs only the rest.
   */
  private async checkSpace(plan: DownloadPlan): Promise<void> {
    const estimate = await this.deps.storage?.estimate().catch(() => null);
    if (!estimate?.quota) return;
    let needed = 0;
    for (const file of plan.files) {
      const cache = await this.deps.caches.open(file.cache);
      if (!(await cache.match(file.url)))
        needed += file.size - (await this.deps.partials.received(file.url).catch(() => 0));
    }
    const free = Math.max(0, estimate.quota - (estimate.usage ?? 0));
    if (needed > free)
      throw new LocalAiError(
        'model-load-failed',
        `This model needs ${formatBytes(needed)} more storage, but only ${formatBytes(free)} is free. Delete a model in Models → Storage, or free disk space, and try again.`,
      );
  }

  private count(job: Job, url: string, bytes: number): void {
    job.fileBytes.set(url, bytes);
    const received = [...job.fileBytes.values()].reduce((n, b) => n + b, 0);
    const now = performance.now();
    const dt = (now - job.speed.at) / 1000;
    let { bytesPerSecond } = job.progress;
    if (dt >= 0.5) {
      const instant = (received - job.speed.bytes) / dt;
      bytesPerSecond = bytesPerSecond ? bytesPerSecond * 0.6 + instant * 0.4 : instant;
      job.speed = { at: now, bytes: received };
    }
    const left = Math.max(0, job.progress.totalBytes - received);
    // Monotonic: a restarted file never makes the bar go backwards.
    this.update(job, {
      receivedBytes: Math.max(job.progress.receivedBytes, received),
      bytesPerSecond,
      secondsLeft: bytesPerSecond > 0 ? left / bytesPerSecond : null,
    });
  }

  private update(job: Job, next: Partial<DownloadProgress>): void {
    Object.assign(job.progress, next);
    this.emit();
  }

  private emit(): void {
    this.deps.onChange(this.list());
  }
}

function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${Math.ceil(bytes / 1e3)} kB`;
}

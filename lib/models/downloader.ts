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
}

const FLUSH_BYTES = 1 << 20;

class RetryableError extends Error {}

interface Job {
  progress: DownloadProgress;
  controller: AbortController;
  done: Promise<void>;
  fileBytes: Map<string, number>;
  /** The files, once planned: what cancel() must clear. */
  plan: DownloadPlan | null;
  speed: { at: number; bytes: number };
}

/** Subresource Integrity ("sha256-…", "sha384-…", "sha512-…"): true when any listed hash matches. */
export async function matchesIntegrity(data: ArrayBuffer, sri: string): Promise<boolean> {
  for (const token of sri.trim().split(/\s+/)) {
    const m = /^(sha256|sha384|sha512)-([A-Za-z0-9+/=]+)$/.exec(token);
    if (!m) continue;
    const digest = new Uint8Array(await crypto.subtle.digest(m[1]!.replace('sha', 'SHA-'), data));
    if (btoa(String.fromCharCode(...digest)) === m[2]) return true;
  }
  return false;
}

async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
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
    const plan = job.plan ?? (await planDownload(job.progress.model, this.deps.fetch).catch(() => null));
    for (const file of plan?.files ?? []) await this.deps.partials.remove(file.url);
    this.jobs.delete(key);
    this.emit();
  }

  private async run(job: Job): Promise<void> {
    const plan: DownloadPlan = await planDownload(job.progress.model, this.deps.fetch);
    job.plan = plan;
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
      this.count(job, file.url, file.size ?? 0);
      return;
    }
    const retries = this.deps.retries ?? 5;
    for (let attempt = 0; ; attempt++) {
      try {
        const blob = file.body ? new Blob([file.body as BlobPart]) : await this.transfer(job, file);
        await this.verify(file, blob);
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

  /** Streams one file into the partial store, starting where the last attempt stopped. */
  private async transfer(job: Job, file: DownloadFile): Promise<Blob> {
    let start = await this.deps.partials.received(file.url);
    if (file.size !== null && start > file.size) {
      await this.deps.partials.remove(file.url);
      start = 0;
    }
    this.count(job, file.url, start);
    if (file.size === null || start < file.size) {
      let res: Response;
      try {
        res = await this.deps.fetch(file.url, {
          headers: start ? { Range: `bytes=${start}-` } : {},
          signal: job.controller.signal,
          credentials: 'omit',
        });
      } catch (error) {
        if (job.controller.signal.aborted) throw error;
        throw new RetryableError(`Network error fetching ${file.url}`);
      }
      if (res.status >= 500 || res.status === 429 || res.status === 408)
        throw new RetryableError(`${file.url} answered ${res.status}`);
      if (!res.ok)
        throw new LocalAiError(
          'model-load-failed',
          `${file.url} answered ${res.status}; the model may have moved.`,
        );
      if (start && res.status !== 206) {
        // The server ignored the Range: it sends the whole file, so start over.
        await this.deps.partials.remove(file.url);
        start = 0;
      }
      const reader = res.body!.getReader();
      let held: Uint8Array[] = [];
      let heldBytes = 0;
      let received = start;
      const flush = async () => {
        if (!heldBytes) return;
        await this.deps.partials.append(file.url, new Blob(held as BlobPart[]));
        held = [];
        heldBytes = 0;
      };
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          held.push(value);
          heldBytes += value.length;
          received += value.length;
          this.count(job, file.url, received);
          if (heldBytes >= FLUSH_BYTES) await flush();
        }
      } catch (error) {
        await flush();
        if (job.controller.signal.aborted) throw error;
        throw new RetryableError(`The connection dropped while fetching ${file.url}`);
      }
      await flush();
    }
    return this.deps.partials.blob(file.url);
  }

  private async verify(file: DownloadFile, blob: Blob): Promise<void> {
    const bad = async (why: string) => {
      await this.deps.partials.remove(file.url);
      return new RetryableError(`${file.url} ${why}; fetching it again`);
    };
    if (file.size !== null && blob.size !== file.size)
      throw await bad(`has ${blob.size} bytes, expected ${file.size}`);
    if (file.sha256 && (await sha256Hex(blob)) !== file.sha256.toLowerCase())
      throw await bad('failed its SHA-256 check');
    if (file.integrity && !(await matchesIntegrity(await blob.arrayBuffer(), file.integrity)))
      throw await bad('failed its integrity check');
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

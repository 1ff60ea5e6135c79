/**
 * Runs work on the one local engine one job at a time, in the fair queue's order, and work for
 * providers off this device at once beside it. A job's AbortSignal removes it from the queue
 * (it never runs) or, once running, is the very signal the engine sees, so a cancel or a closed
 * Port stops generation in the same turn of the event loop.
 */
import { AbortedError, type Priority } from '../protocol';
import { FairQueue } from './fair-queue';

/** When a job was queued and when it started, for the timing every chat result reports. */
export interface JobTimes {
  enqueuedAt: number;
  startedAt: number;
}

export interface JobOptions {
  clientId: number;
  priority: Priority;
  signal: AbortSignal;
  /** Position in the line (1 = next to run), each time it changes. */
  onQueued: (position: number) => void;
}

interface Job extends JobOptions {
  enqueuedAt: number;
  start: (startedAt: number) => void;
  cancel: () => void;
}

export class EngineQueue {
  private readonly queue = new FairQueue<Job>();
  private running: Job | null = null;
  private completedJobs = 0;

  constructor(
    private readonly now: () => number,
    /** Called whenever running, queued or completed change. */
    private readonly onChange: () => void,
  ) {}

  get size(): number {
    return this.queue.size;
  }
  get busy(): boolean {
    return this.running !== null;
  }
  get completed(): number {
    return this.completedJobs;
  }

  /**
   * Runs `work` when its turn comes on the local engine.
   * @throws {AbortedError} when `options.signal` aborts while the job waits.
   */
  enqueue<T>(options: JobOptions, work: (times: JobTimes) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (options.signal.aborted) return reject(new AbortedError());
      const enqueuedAt = this.now();
      const job: Job = {
        ...options,
        enqueuedAt,
        start: (startedAt) => {
          options.signal.removeEventListener('abort', job.cancel);
          void work({ enqueuedAt, startedAt })
            .then(resolve, reject)
            .finally(() => {
              this.running = null;
              this.completedJobs++;
              this.onChange();
              this.pump();
            });
        },
        cancel: () => {
          if (this.queue.remove((j) => j === job).length === 0) return;
          reject(new AbortedError());
          this.announcePositions();
        },
      };
      options.signal.addEventListener('abort', job.cancel, { once: true });
      this.queue.push(job);
      this.announcePositions();
      this.pump();
    });
  }

  /** Runs `work` now, beside the queue: a provider off this device needs no local engine. */
  async beside<T>(work: (times: JobTimes) => Promise<T>): Promise<T> {
    const at = this.now();
    try {
      return await work({ enqueuedAt: at, startedAt: at });
    } finally {
      this.completedJobs++;
      this.onChange();
    }
  }

  /** A client left: its turn history goes (its jobs were aborted through their signals). */
  forgetClient(clientId: number): void {
    this.queue.forgetClient(clientId);
  }

  private pump(): void {
    if (this.running) return;
    const job = this.queue.shift();
    if (!job) return;
    this.running = job;
    this.announcePositions();
    job.start(this.now());
  }

  private announcePositions(): void {
    this.queue.order().forEach((job, index) => job.onQueued(index + 1 + (this.running ? 1 : 0)));
    this.onChange();
  }
}

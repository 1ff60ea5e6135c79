/**
 * The page's end of the private channel: calls with ids, streamed chunks, cancellation. Every
 * message that arrives is checked (envelope, then the method's result or chunk shape); anything
 * else is dropped, so a script of the page that posts on the port cannot forge an answer's shape.
 */
import * as v from 'valibot';
import type { ChunkOf, ParamsOf, ResultOf } from '../protocol';
import {
  BridgeToPageSchema,
  CHUNK_SCHEMAS,
  RESULT_SCHEMAS,
  type PageMethod,
  type PageToBridge,
} from './channel-messages';
import { abortReason, toDomException } from './dom-errors';

interface Pending {
  method: PageMethod;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  onChunk?: (chunk: unknown) => void;
}

export interface CallOptions<M extends PageMethod> {
  signal?: AbortSignal;
  onChunk?: (chunk: ChunkOf<M>) => void;
}

export class PageChannel {
  private readonly pending = new Map<number, Pending>();
  private next = 1;
  private configListener: ((config: { installGlobal: boolean }) => void) | null = null;

  constructor(private readonly port: MessagePort) {
    port.onmessage = (event: MessageEvent) => this.receive(event.data);
  }

  /** Called once the content script has the port, with the user's setting for the global name. */
  onConfig(listener: (config: { installGlobal: boolean }) => void): void {
    this.configListener = listener;
  }

  /**
   * Calls `method` in the engine host, through the content script.
   * @throws {DOMException} the Prompt API's names (see dom-errors.ts), or the signal's reason.
   */
  call<M extends PageMethod>(
    method: M,
    params: ParamsOf<M>,
    options: CallOptions<M> = {},
  ): Promise<ResultOf<M>> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const id = this.next++;
    return new Promise<ResultOf<M>>((resolve, reject) => {
      const onAbort = () => {
        this.pending.delete(id);
        this.post({ type: 'cancel', id });
        reject(abortReason(signal!));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => signal?.removeEventListener('abort', onAbort);
      this.pending.set(id, {
        method,
        resolve: (value) => {
          done();
          resolve(value as ResultOf<M>);
        },
        reject: (error) => {
          done();
          reject(error);
        },
        onChunk: options.onChunk as ((chunk: unknown) => void) | undefined,
      });
      this.post({ type: 'call', id, method, params });
    });
  }

  private post(message: PageToBridge): void {
    this.port.postMessage(message);
  }

  private receive(raw: unknown): void {
    const parsed = v.safeParse(BridgeToPageSchema, raw);
    if (!parsed.success) return;
    const message = parsed.output;
    if (message.type === 'config') return this.configListener?.({ installGlobal: message.installGlobal });
    const pending = this.pending.get(message.id);
    if (!pending) return;
    if (message.type === 'chunk') {
      const schema = CHUNK_SCHEMAS[pending.method as keyof typeof CHUNK_SCHEMAS];
      const chunk = schema && v.safeParse(schema, message.data);
      if (chunk?.success) pending.onChunk?.(chunk.output);
      return;
    }
    this.pending.delete(message.id);
    if (message.type === 'error') return pending.reject(toDomException(message.error));
    const result = v.safeParse(RESULT_SCHEMAS[pending.method], message.data);
    if (result.success) pending.resolve(result.output);
    else pending.reject(new DOMException('Local AI sent an answer of the wrong shape.', 'OperationError'));
  }
}

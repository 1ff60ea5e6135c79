/**
 * The host's handler registry: one handler per method, typed by the method's declaration, so a
 * handler that takes the wrong params or returns the wrong shape does not compile (see
 * handlers.test-d.ts). The router validates, checks the caller, then calls exactly one of these.
 */
import type { Caller, ChunkOf, MethodName, ParamsOf, ResultOf } from '../protocol';

export interface CallContext<M extends MethodName> {
  /** Who asked, as the router determined it from the Port's sender. */
  caller: Caller;
  /** The asker's Port, for fair turns in the queue. */
  clientId: number;
  /** Aborts when the asker cancels or its Port closes. */
  signal: AbortSignal;
  onChunk: (chunk: ChunkOf<M>) => void;
  onQueued: (position: number) => void;
}

export type Handler<M extends MethodName> = (
  params: ParamsOf<M>,
  ctx: CallContext<M>,
) => Promise<ResultOf<M>>;

/** Every method the protocol declares, served by a handler of exactly its type. */
export type HandlerRegistry = { readonly [M in MethodName]: Handler<M> };

/** A part of the registry; the parts together must cover every method (checked where they are joined). */
export type PartialRegistry<K extends MethodName> = { readonly [M in K]: Handler<M> };

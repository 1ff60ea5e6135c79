import { describe, expectTypeOf, it } from 'vitest';
import type {
  BackgroundMethods,
  ChatChunk,
  ChatResult,
  HostStatus,
  OneShotHandlers,
  ParamsOf,
} from '../protocol';
import type { CallContext, Handler, HandlerRegistry } from './handlers';

describe('the handler registry is typed per method', () => {
  it('gives each handler its method params, chunk and result types', () => {
    expectTypeOf<Parameters<Handler<'chat'>>[0]>().toEqualTypeOf<ParamsOf<'chat'>>();
    expectTypeOf<Parameters<CallContext<'chat'>['onChunk']>[0]>().toEqualTypeOf<ChatChunk>();
    expectTypeOf<ReturnType<Handler<'chat'>>>().toEqualTypeOf<Promise<ChatResult>>();
    expectTypeOf<ReturnType<HandlerRegistry['status']>>().toEqualTypeOf<Promise<HostStatus>>();
  });

  it('does not compile a handler of the wrong shape', () => {
    const good: Handler<'cached'> = async () => ({ cached: true });
    // @ts-expect-error cached returns { cached: boolean }, not a status
    const wrongResult: Handler<'cached'> = async () => ({ ok: true });
    // @ts-expect-error models.pause takes { key }, so its params have no model
    const wrongParams: Handler<'models.pause'> = async (_params: { model: string }) => ({ ok: true });
    // @ts-expect-error chat streams ChatChunk, not strings
    const wrongChunk: Handler<'chat'> = async (_p, ctx) => (ctx.onChunk('text'), {} as ChatResult);
    void [good, wrongResult, wrongParams, wrongChunk];
  });

  it('needs a handler for every method', () => {
    // @ts-expect-error a registry without sql.run (and the rest) is incomplete
    const partial: HandlerRegistry = { status: async () => ({}) as HostStatus };
    void partial;
  });

  it('types the service worker handlers from their schemas too', () => {
    // @ts-expect-error route-model must answer { model, note }
    const wrong: OneShotHandlers<BackgroundMethods>['route-model'] = async () => ({ model: 'webllm' });
    void wrong;
  });
});

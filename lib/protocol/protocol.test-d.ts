import { describe, expectTypeOf, it } from 'vitest';
import type { EngineClient } from './client';
import type { ParamsOf } from './methods';
import type { ChatChunk, ChatResult, DeviceCapabilities, HostStatus } from './messages';

declare const client: EngineClient;

describe('the protocol map ties each method to its params, chunks and result', () => {
  it('types results by method', () => {
    expectTypeOf(client.request('status', {})).resolves.toEqualTypeOf<HostStatus>();
    expectTypeOf(client.request('capabilities', {})).resolves.toEqualTypeOf<DeviceCapabilities>();
    expectTypeOf(client.request('load', { engine: 'wllama', id: 'x' })).resolves.toEqualTypeOf<HostStatus>();
    expectTypeOf<ReturnType<typeof client.request<'chat'>>>().resolves.toEqualTypeOf<ChatResult>();
  });

  it('types chunks by method', () => {
    void client.request(
      'chat',
      { model: { engine: 'wllama', id: 'x' }, messages: [] },
      {
        onChunk: (chunk) => expectTypeOf(chunk).toEqualTypeOf<ChatChunk>(),
      },
    );
  });

  it('rejects params of the wrong method', () => {
    // @ts-expect-error chat needs model and messages
    void client.request('chat', {});
    // @ts-expect-error status takes no params
    void client.request('status', { model: 1 });
    // @ts-expect-error no such method
    void client.request('eval', {});
    expectTypeOf<ParamsOf<'chat'>['messages'][number]['role']>().toEqualTypeOf<
      'system' | 'user' | 'assistant'
    >();
  });
});

import { describe, expect, it, vi } from 'vitest';
import { ModelLoadError, type EngineId, type ModelRef } from '../protocol';
import { EngineRuntime } from './engine-runtime';
import { SyntheticEngine } from './synthetic-engine';

const m = (engine: EngineId, id: string): ModelRef => ({ engine, id });

function runtime() {
  const created: SyntheticEngine[] = [];
  const rt = new EngineRuntime(() => {
    const e = new SyntheticEngine({ tokensPerSecond: 50_000 });
    vi.spyOn(e, 'unload');
    created.push(e);
    return e;
  });
  return { rt, created };
}

describe('EngineRuntime', () => {
  it('loads a model once however many ask for it at once', async () => {
    const { rt } = runtime();
    await Promise.all([1, 2, 3].map(() => rt.load(m('synthetic', 'a'), () => {})));
    expect(rt.stats()).toEqual({
      engineInstances: 1,
      modelLoads: 1,
      loaded: m('synthetic', 'a'),
      loadedOn: null,
    });
  });

  it('unloads the previous model before loading the next', async () => {
    const { rt, created } = runtime();
    await rt.load(m('synthetic', 'a'), () => {});
    await rt.load(m('synthetic', 'b'), () => {});
    expect(created[0]!.unload).toHaveBeenCalledTimes(1);
    expect(rt.stats()).toMatchObject({ engineInstances: 1, modelLoads: 2, loaded: m('synthetic', 'b') });
  });

  it('reports progress while loading and leaves nothing loaded after a failed load', async () => {
    const failing = new EngineRuntime(() => ({
      id: 'wllama',
      load: async () => {
        throw new ModelLoadError('404');
      },
      chat: async () => ({ text: '', finishReason: 'stop', promptTokens: 0, completionTokens: 0 }),
      unload: async () => {},
    }));
    await expect(failing.load(m('wllama', 'x'), () => {})).rejects.toThrow('404');
    expect(failing.stats().loaded).toBeNull();
    const { rt } = runtime();
    const progress: number[] = [];
    await rt.load(m('synthetic', 'a'), (r) => progress.push(r.progress));
    expect(progress.at(-1)).toBe(1);
  });
});

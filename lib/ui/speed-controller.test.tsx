// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { renderHook, settle } from '@/tests/fixtures/render-hook';
import type { EngineClient, ModelRef } from '../protocol';
import { promptLines, useSpeedComparison } from './speed-controller';

describe('promptLines', () => {
  it('takes each non-empty line as one prompt', () => {
    expect(promptLines(' one \n\n two\n  ')).toEqual(['one', 'two']);
  });
});

describe('useSpeedComparison', () => {
  it('shows a row for each model as it finishes, a failing one with its reason, and is idle after', async () => {
    // A test double for the engine host: no model can run.
    const client = {
      request: () => Promise.reject(new Error('No model file.')),
    } as unknown as EngineClient;
    const models: ModelRef[] = [
      { engine: 'wllama', id: 'a', url: 'http://127.0.0.1:9/a.gguf' },
      { engine: 'wllama', id: 'b', url: 'http://127.0.0.1:9/b.gguf' },
    ];
    const { result } = renderHook(useSpeedComparison, client);
    result.current.compare(models, 'hi');
    await settle();
    expect(result.current.busy).toBe(false);
    expect(result.current.rows.map((r) => [r.model.id, r.error])).toEqual([
      ['a', 'No model file.'],
      ['b', 'No model file.'],
    ]);
  });
});

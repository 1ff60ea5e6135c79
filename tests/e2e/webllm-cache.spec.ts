/**
 * WebLLM inference cannot run here (no GPU, no model files or libraries). What surrounds it
 * can: the host asks WebLLM's own hasModelInCache, inside the engine Worker, about files
 * written to the Cache API the way WebLLM lays them out (cache "webllm/model", full URL keys).
 */
import { expect, hostRequest, test } from './fixtures';

const REPO = 'https://huggingface.co/test-org/Fake-Model-q4f32_1-MLC/resolve/main/';
const model = {
  engine: 'webllm' as const,
  id: 'Fake-Model-q4f32_1-MLC',
  url: 'https://huggingface.co/test-org/Fake-Model-q4f32_1-MLC',
  modelLib: 'https://huggingface.co/test-org/libs/resolve/main/Fake-webgpu.wasm',
};

test("the host answers from WebLLM's own cache check: cached only when every shard is there", async ({
  panel,
}) => {
  expect(await hostRequest(panel, 'cached', model)).toEqual({ cached: false });
  await panel.evaluate(async (repo) => {
    const cache = await caches.open('webllm/model');
    const manifest = { records: [{ dataPath: 'params_shard_0.bin' }, { dataPath: 'params_shard_1.bin' }] };
    await cache.put(repo + 'tensor-cache.json', new Response(JSON.stringify(manifest)));
    await cache.put(repo + 'params_shard_0.bin', new Response(new Uint8Array(16)));
  }, REPO);
  expect(await hostRequest(panel, 'cached', model)).toEqual({ cached: false });
  await panel.evaluate(async (repo) => {
    const cache = await caches.open('webllm/model');
    await cache.put(repo + 'params_shard_1.bin', new Response(new Uint8Array(16)));
  }, REPO);
  expect(await hostRequest(panel, 'cached', model)).toEqual({ cached: true });
});

test('asking WebLLM for a model it has no record of gives a clear error', async ({ panel }) => {
  await expect(hostRequest(panel, 'cached', { engine: 'webllm', id: 'Unknown-Model' })).rejects.toThrow(
    /no model called "Unknown-Model"/,
  );
});

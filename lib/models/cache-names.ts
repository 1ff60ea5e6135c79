/** Where llama.cpp (GGUF) model files are kept: a Cache API cache of the extension's own origin. */
export const GGUF_CACHE = 'local-ai/gguf';

/** The GGUF file for `url` if it was downloaded (and verified) before. */
export async function cachedGguf(url: string): Promise<Blob | null> {
  if (typeof caches === 'undefined') return null;
  const hit = await (await caches.open(GGUF_CACHE)).match(url);
  return hit ? hit.blob() : null;
}

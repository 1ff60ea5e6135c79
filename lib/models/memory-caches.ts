/**
 * An in-memory CacheStorage: a test double for the Cache API in Node, where unit tests of the
 * downloader run against a real HTTP server. Only what the downloader and WebLLM's cache
 * checks use: open, match, put, delete, keys.
 */
export function memoryCaches(): CacheStorage & { dump(): Map<string, Map<string, Blob>> } {
  const stores = new Map<string, Map<string, Blob>>();
  const open = async (name: string) => {
    let store = stores.get(name);
    if (!store) stores.set(name, (store = new Map<string, Blob>()));
    const s = store;
    const key = (req: RequestInfo | URL) =>
      typeof req === 'string' ? req : req instanceof URL ? req.href : req.url;
    return {
      match: async (req: RequestInfo | URL) => {
        const blob = s.get(key(req));
        return blob ? new Response(blob) : undefined;
      },
      put: async (req: RequestInfo | URL, res: Response) => void s.set(key(req), await res.blob()),
      delete: async (req: RequestInfo | URL) => s.delete(key(req)),
      keys: async () => [...s.keys()].map((k) => new Request(k)),
    } as unknown as Cache;
  };
  return {
    open,
    has: async (name: string) => stores.has(name),
    delete: async (name: string) => stores.delete(name),
    keys: async () => [...stores.keys()],
    match: async () => undefined,
    dump: () => stores,
  };
}

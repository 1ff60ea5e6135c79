import { describe, expect, it, vi } from 'vitest';
import { ensureHost, type OffscreenApi } from './ensure-host';

function fakeOffscreen(initial = false): OffscreenApi & { created: number } {
  let exists = initial;
  const api = {
    created: 0,
    hasDocument: vi.fn(async () => exists),
    createDocument: vi.fn(async () => {
      await new Promise((r) => setTimeout(r, 5));
      if (exists) throw new Error('Only a single offscreen document may be created.');
      exists = true;
      api.created++;
    }),
  };
  return api;
}

describe('ensureHost', () => {
  it('creates the document once when many clients ask at the same moment', async () => {
    const api = fakeOffscreen();
    await Promise.all(Array.from({ length: 20 }, () => ensureHost(api)));
    expect(api.createDocument).toHaveBeenCalledTimes(1);
    expect(api.created).toBe(1);
  });

  it('does not create a document that already exists (e.g. after a service-worker restart)', async () => {
    const api = fakeOffscreen(true);
    await ensureHost(api);
    expect(api.createDocument).not.toHaveBeenCalled();
  });

  it('treats losing a creation race to another context as success', async () => {
    let exists = false;
    const api: OffscreenApi = {
      hasDocument: async () => exists,
      createDocument: async () => {
        exists = true; // someone else created it first…
        throw new Error('Only a single offscreen document may be created.');
      },
    };
    await expect(ensureHost(api)).resolves.toBeUndefined();
  });

  it('reports a real failure and tries again on the next call', async () => {
    const api: OffscreenApi = {
      hasDocument: async () => false,
      createDocument: vi.fn().mockRejectedValueOnce(new Error('denied')).mockResolvedValueOnce(undefined),
    };
    await expect(ensureHost(api)).rejects.toThrow('denied');
    await expect(ensureHost(api)).resolves.toBeUndefined();
  });
});

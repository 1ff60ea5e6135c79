// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { saveFile } from './save-file';

afterEach(() => vi.restoreAllMocks());

describe('saveFile', () => {
  it('offers the text as a download with the given name and type', async () => {
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => (blobs.push(b as Blob), 'blob:x'));
    const clicks: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this);
    });
    saveFile('result.csv', 'a,b\n1,2\n', 'text/csv');
    expect(clicks.map((a) => [a.download, a.href])).toEqual([['result.csv', 'blob:x']]);
    expect(blobs[0]!.type).toBe('text/csv');
    expect(await blobs[0]!.text()).toBe('a,b\n1,2\n');
  });
});

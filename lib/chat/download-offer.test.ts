import { describe, expect, it } from 'vitest';
import type { ModelRef } from '../protocol';
import { offerFor, takeOffer, type DownloadOffer } from './download-offer';

const catalog: ModelRef = {
  engine: 'wllama',
  id: 'Llama-3.2-1B-Instruct-Q4_K_M',
  url: 'https://huggingface.co/x/y.gguf',
};

describe('download offers', () => {
  it('says how big a catalog model is, and nothing for one it does not know', () => {
    expect(offerFor(catalog, 'Why?', 'chat')).toMatchObject({ size: '≈ 720 MB', question: 'Why?' });
    expect(offerFor({ engine: 'webllm', id: 'Llama-3.2-3B-Instruct-q4f16_1-MLC' }, 'q', 'chat').size).toBe(
      '≈ 1.9 GB',
    );
    expect(offerFor({ engine: 'wllama', id: 'mine', url: 'https://a/b.gguf' }, 'q', 'chat').size).toBeNull();
  });

  it('shows the download running, then clears the offer once the model is here', async () => {
    const shown: (DownloadOffer | null)[] = [];
    const got: ModelRef[] = [];
    const ok = await takeOffer(
      offerFor(catalog, 'Why?', 'chat'),
      async (m) => got.push(m),
      (o) => shown.push(o),
    );
    expect(ok).toBe(true);
    expect(got).toEqual([catalog]);
    expect(shown.map((o) => o?.downloading ?? null)).toEqual([true, null]);
  });

  it('keeps the offer and the question when the download fails, saying what to do', async () => {
    const shown: (DownloadOffer | null)[] = [];
    const failing = async () => {
      throw new Error('The server did not answer.');
    };
    const ok = await takeOffer(offerFor(catalog, 'Why?', 'chat'), failing, (o) => shown.push(o));
    expect(ok).toBe(false);
    expect(shown.at(-1)).toMatchObject({ downloading: false, question: 'Why?' });
    expect(shown.at(-1)!.error).toMatch(/did not finish: The server did not answer\. Try again/);
  });
});

/**
 * Page content never leaves the device without consent: per site and provider ("always"), or
 * for one request ("once"). And every answer says where it ran.
 */
import type { WxtStorageItem } from 'wxt/utils/storage';
import type { ModelRef } from '../protocol';

/** Which sites' text the user let go to which provider. */
export interface ConsentStore {
  allowed(site: string, provider: string): Promise<boolean>;
  allow(site: string, provider: string): Promise<void>;
}

export type ConsentChoice = 'once' | 'always' | 'no';

/** Where an answer ran, in words, with its speed. */
export function runLabel(model: ModelRef, timing: { firstTokenMs: number; tokensPerSecond: number }, note: string | null): string {
  let where = `on this device (${model.engine === 'webllm' ? 'WebLLM' : model.engine === 'wllama' ? 'llama.cpp' : 'synthetic'})`;
  if (model.engine === 'remote' && model.url) {
    const host = new URL(model.url).host;
    where = /^(127\.0\.0\.1|localhost)(:|$)/.test(host) ? `a server on this machine (${host})` : `the cloud: ${host}`;
  }
  const speed = `first token ${Math.round(timing.firstTokenMs)} ms · ${timing.tokensPerSecond.toFixed(1)} tokens/s`;
  return `${model.id} · ${where} · ${speed}${note ? ` · because ${note}` : ''}`;
}

/** The consent store on a storage item: site host → provider hosts allowed. */
export function consentStore(item: WxtStorageItem<Record<string, string[]>, Record<string, unknown>>): ConsentStore {
  return {
    allowed: async (site, provider) => ((await item.getValue())[site] ?? []).includes(provider),
    allow: async (site, provider) => {
      const all = await item.getValue();
      await item.setValue({ ...all, [site]: [...new Set([...(all[site] ?? []), provider])] });
    },
  };
}

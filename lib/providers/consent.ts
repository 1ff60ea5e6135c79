/**
 * Page content never leaves the device without consent: per site and provider ("always"), or
 * for one request ("once"). And every answer says where it ran.
 */
import { t } from '../i18n/i18n';
import type { WxtStorageItem } from 'wxt/utils/storage';
import type { ModelRef, PageContent } from '../protocol';
import { isLoopbackHost } from '../models/hosts';

/** Which sites' text the user let go to which provider. */
export interface ConsentStore {
  allowed(site: string, provider: string): Promise<boolean>;
  allow(site: string, provider: string): Promise<void>;
}

export type ConsentChoice = 'once' | 'always' | 'no';

const ENGINE_NAMES: Record<ModelRef['engine'], string> = {
  webllm: 'WebLLM',
  wllama: 'llama.cpp',
  synthetic: 'synthetic',
  remote: 'remote',
  builtin: "Chrome's built-in model",
};

/** The site a consent is stored under: a page's host, or its whole URL where it has none (file:). */
export function siteOfUrl(url: string): string {
  return new URL(url).host || url;
}

/** Where a model runs: this device (which engine), a server on this machine, or the cloud (which host). */
export function placeOf(model: ModelRef): { on: 'device' | 'machine' | 'cloud'; name: string } {
  if (model.engine !== 'remote' || !model.url) return { on: 'device', name: ENGINE_NAMES[model.engine] };
  const url = new URL(model.url);
  return { on: isLoopbackHost(url.hostname) ? 'machine' : 'cloud', name: url.host };
}

/**
 * Whether `site`'s content may go to `provider`, as the declaration the host checks: allowed
 * before, or the user says so now through `ask` ("always" is remembered for the site; "once"
 * gets a one-time grant from the host through `grantOnce`). Null when the user says no.
 */
export async function mayShare(
  consents: ConsentStore,
  site: string,
  provider: string,
  ask: () => Promise<ConsentChoice>,
  grantOnce: () => Promise<string>,
): Promise<PageContent | null> {
  if (await consents.allowed(site, provider)) return { site };
  const choice = await ask();
  if (choice === 'no') return null;
  if (choice === 'always') {
    await consents.allow(site, provider);
    return { site };
  }
  return { site, grant: await grantOnce() };
}

/** Where an answer ran, in words, with its speed. */
export function runLabel(
  model: ModelRef,
  timing: { firstTokenMs: number; tokensPerSecond: number },
  note: string | null,
): string {
  const place = placeOf(model);
  const where =
    place.on === 'device'
      ? t('run_on_device', place.name)
      : place.on === 'machine'
        ? t('run_on_machine', place.name)
        : t('run_in_cloud', place.name);
  const because = note ? ` · ${t('run_because', note)}` : '';
  return `${model.id} · ${where} · ${speedOf(timing)}${because}`;
}

/**
 * Where an answer ran when another model stood in for `chosen` while it downloads, e.g.
 * "Answered by Chrome's built-in model while Llama-3.2-1B downloads · first token 80 ms · …".
 */
export function standInLabel(
  model: ModelRef,
  chosen: ModelRef,
  timing: { firstTokenMs: number; tokensPerSecond: number },
): string {
  const place = placeOf(model);
  const who =
    model.engine === 'builtin'
      ? place.name
      : place.on === 'device'
        ? t('run_who_device', model.id, place.name)
        : place.on === 'machine'
          ? t('run_who_machine', model.id, place.name)
          : t('run_who_cloud', model.id, place.name);
  return `${t('run_stand_in', who, chosen.id)} · ${speedOf(timing)}`;
}

function speedOf(timing: { firstTokenMs: number; tokensPerSecond: number }): string {
  return t('run_speed', Math.round(timing.firstTokenMs), timing.tokensPerSecond.toFixed(1));
}

/** The label of an answer: where it ran, or who stood in for the chosen model (see standInLabel). */
export function answerLabel(
  result: {
    model: ModelRef;
    timing: { firstTokenMs: number; tokensPerSecond: number };
    standInFor?: ModelRef;
  },
  note: string | null,
): string {
  return result.standInFor
    ? standInLabel(result.model, result.standInFor, result.timing)
    : runLabel(result.model, result.timing, note);
}

/** The consent store on a storage item: site host → provider hosts allowed. */
export function consentStore(
  item: WxtStorageItem<Record<string, string[]>, Record<string, unknown>>,
): ConsentStore {
  return {
    allowed: async (site, provider) => ((await item.getValue())[site] ?? []).includes(provider),
    allow: async (site, provider) => {
      const all = await item.getValue();
      await item.setValue({ ...all, [site]: [...new Set([...(all[site] ?? []), provider])] });
    },
  };
}

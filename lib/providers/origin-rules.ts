/**
 * Requests from this extension to model servers on this machine, and to every server whose origin
 * the user granted at run time (Ollama on the LAN, any provider), go without an Origin header:
 * Ollama refuses extension origins unless its OLLAMA_ORIGINS setting is changed, and the
 * extension's host permission already spares these requests CORS. One declarativeNetRequest rule
 * per granted origin, kept in step with the browser's permissions by the service worker; a rule
 * only takes effect where the extension holds the host permission (WithHostAccess).
 */
import { browser } from 'wxt/browser';
import { isLoopbackHost } from '../models/hosts';

const RULE_ID = 1000;
/** The origins the installed rules cover, besides this machine. */
let covered = new Set<string>();

/**
 * The origins granted at run time among the browser's permission patterns: concrete origins only
 * (the content scripts' `http://*\/*` matches are listed too, and are no grant to reach a server),
 * and not this machine (its own rule covers every port).
 */
export function grantedOrigins(patterns: readonly string[]): string[] {
  return patterns.flatMap((pattern) => {
    if (!pattern.endsWith('/*') || pattern.slice(0, -2).includes('*')) return [];
    try {
      const url = new URL(pattern.slice(0, -2));
      const local = url.protocol === 'http:' && isLoopbackHost(url.hostname);
      return (url.protocol === 'http:' || url.protocol === 'https:') && !local ? [url.origin] : [];
    } catch {
      return [];
    }
  });
}

/** The sync running now, if any: the next one waits for it. */
let queue: Promise<void> = Promise.resolve();

/**
 * Installs one rule for this machine and one per granted origin, replacing the previous ones. One
 * at a time: two syncs that read the same installed rules and both add theirs would collide on a
 * rule id (a permission event and a connection test arrive together).
 */
export function syncOriginRules(): Promise<void> {
  const run = queue.then(installRules, installRules);
  queue = run.catch(() => {});
  return run;
}

async function installRules(): Promise<void> {
  const origins = grantedOrigins((await browser.permissions.getAll()).origins ?? []);
  const stale = (await chrome.declarativeNetRequest.getDynamicRules()).filter((r) => r.id >= RULE_ID);
  await chrome.declarativeNetRequest.updateDynamicRules({
    removeRuleIds: stale.map((r) => r.id),
    addRules: [
      dropOrigin(RULE_ID, { regexFilter: '^http://(127\\.0\\.0\\.1|localhost)(:[0-9]+)?/' }),
      // "|" anchors the filter at the start of the URL: this origin, not a URL that merely contains it.
      ...origins.map((origin, i) => dropOrigin(RULE_ID + 1 + i, { urlFilter: `|${origin}/` })),
    ],
  });
  covered = new Set(origins);
}

/** Makes sure a just-granted origin has its rule before the host's first request to it. */
export async function ensureOriginRule(origin: string): Promise<void> {
  const url = new URL(origin);
  if ((url.protocol === 'http:' && isLoopbackHost(url.hostname)) || covered.has(origin)) return;
  await syncOriginRules();
}

function dropOrigin(
  id: number,
  filter: { regexFilter: string } | { urlFilter: string },
): chrome.declarativeNetRequest.Rule {
  return {
    id,
    priority: 1,
    action: {
      type: chrome.declarativeNetRequest.RuleActionType.MODIFY_HEADERS,
      requestHeaders: [{ header: 'origin', operation: chrome.declarativeNetRequest.HeaderOperation.REMOVE }],
    },
    condition: {
      ...filter,
      initiatorDomains: [browser.runtime.id],
      resourceTypes: [
        chrome.declarativeNetRequest.ResourceType.XMLHTTPREQUEST,
        chrome.declarativeNetRequest.ResourceType.OTHER,
      ],
    },
  };
}

/** Keeps the rules in step with the permissions, however they change (Settings or the browser). */
export function watchOriginRules(): void {
  const sync = () =>
    void syncOriginRules().catch((error) =>
      console.warn('Local AI: could not install the Origin rules', error),
    );
  sync();
  browser.permissions.onAdded.addListener(sync);
  browser.permissions.onRemoved.addListener(sync);
}

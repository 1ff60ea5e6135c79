/**
 * Starts the engine host inside the offscreen document: the engine Worker, the router,
 * and the runtime.onConnect listener (registered synchronously, so a client that connects
 * as soon as the document exists is never missed).
 */
import { browser } from 'wxt/browser';
import { callBackground, type DeviceCapabilities } from '../protocol';
import { WorkerEngineService } from '../engine/worker-client';
import EngineWorker from '../engine/engine-worker?worker';
import { profileDevice } from './device-profile';
import { defaultModelFor } from '../models/default-models';
import { watchPolicyViolations } from './diagnostics';
import { TEST_BUILD } from '../settings/build-flags';
import { SqlHost } from '../sql/sql-host';
import { ModelHost } from '../models/model-host';
import { ProviderHost } from '../providers/provider-host';
import { openBrowserDuckDb } from '../sql/duckdb-browser';
import { EngineRouter } from './router';
import { sendToBackground } from './extension-transport';
import { BuiltinEngine } from '../engine/builtin-engine';
import { browserLanguageModel } from '../engine/prompt-api';

export function startEngineHost(): EngineRouter {
  let capabilities: Promise<DeviceCapabilities> | null = null;
  let router: EngineRouter | null = null;
  watchPolicyViolations(self);
  const models = new ModelHost({
    caches,
    fetch: (url, init) => fetch(url, init),
    storage: navigator.storage,
    onChange: () => router?.statusChanged(),
  });
  // A dead engine Worker is replaced by a fresh one; the router tells clients and reloads.
  const engines = new WorkerEngineService(() => new EngineWorker({ name: 'local-ai-engine' }), {
    onRestart: (reason, model) => router?.engineRestarted(reason, model),
  });
  // Chrome's own model: read from the global each time (a test build may install its double).
  const builtin = new BuiltinEngine(browserLanguageModel, () => router?.statusChanged());
  void builtin.refresh();
  const profile = { engines, storage: localStorage, nav: navigator, hostIsolated: self.crossOriginIsolated };
  // Test builds only (lib/settings/build-flags.ts): the product build drops this branch.
  if (TEST_BUILD)
    void import('./test-hooks').then((hooks) =>
      hooks.installTestHooks(engines, () => void builtin.refresh()),
    );
  router = new EngineRouter({
    engines,
    extensionId: browser.runtime.id,
    capabilities: () => (capabilities ??= profileDevice(profile)),
    calibrate: () => (capabilities = profileDevice(profile, true)),
    sql: new SqlHost(openBrowserDuckDb),
    models,
    builtin,
    // Asked afresh for every request: a removed provider or a revoked permission stops at once.
    providers: new ProviderHost((baseUrl) => callBackground(sendToBackground, 'provider-facts', { baseUrl })),
    // The host cannot read extension storage itself (offscreen documents have runtime only).
    settings: {
      // What the user chose, and the device's default (what an unconfigured bubble is routed to).
      chosenModels: async () => [
        ...(await callBackground(sendToBackground, 'chosen-models', {})),
        defaultModelFor(await (capabilities ??= profileDevice(profile))),
      ],
      downloadStandIn: () => callBackground(sendToBackground, 'download-stand-in', {}),
      consented: (site, provider) => callBackground(sendToBackground, 'consented', { site, provider }),
      pageAccess: (origin, ask) => callBackground(sendToBackground, 'page-access', { origin, ask }),
    },
  });
  browser.runtime.onConnect.addListener((port) => router.connect(port));
  return router;
}

/**
 * Starts the engine host inside the offscreen document: the engine Worker, the router,
 * and the runtime.onConnect listener (registered synchronously, so a client that connects
 * as soon as the document exists is never missed).
 */
import { browser } from 'wxt/browser';
import { callBackground, type DeviceCapabilities } from '../protocol';
import { WorkerEngineService } from '../engine/worker-client';
import EngineWorker from '../engine/engine-worker?worker';
import { readCapabilities } from './capabilities';
import { SqlHost } from '../sql/sql-host';
import { ModelHost } from '../models/model-host';
import { ProviderHost } from '../providers/provider-host';
import { openBrowserDuckDb } from '../sql/duckdb-browser';
import { EngineRouter } from './router';
import { sendToBackground } from './extension-transport';

export function startEngineHost(): EngineRouter {
  const worker = new EngineWorker({ name: 'local-ai-engine' });
  let capabilities: Promise<DeviceCapabilities> | null = null;
  let router: EngineRouter | null = null;
  const models = new ModelHost({
    caches,
    fetch: (url, init) => fetch(url, init),
    storage: navigator.storage,
    onChange: () => router?.statusChanged(),
  });
  router = new EngineRouter({
    engines: new WorkerEngineService(worker),
    extensionId: browser.runtime.id,
    capabilities: () => (capabilities ??= readCapabilities()),
    sql: new SqlHost(openBrowserDuckDb),
    models,
    providers: new ProviderHost((baseUrl) =>
      callBackground(sendToBackground, 'provider-endpoint', { baseUrl }),
    ),
    // The host cannot read extension storage itself (offscreen documents have runtime only).
    settings: {
      chosenModels: () => callBackground(sendToBackground, 'chosen-models', {}),
      consented: (site, provider) => callBackground(sendToBackground, 'consented', { site, provider }),
    },
  });
  browser.runtime.onConnect.addListener((port) => router.connect(port));
  return router;
}

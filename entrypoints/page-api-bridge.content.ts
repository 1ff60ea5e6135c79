import { browser } from 'wxt/browser';
import { PAGE_API_PORT, callBackground } from '@/lib/protocol';
import { sendToBackground } from '@/lib/host/extension-transport';
import { acceptPageApi } from '@/lib/page-api/content-bridge';

// The page API's content-script end: at document start, so it hears the page world's handover,
// which is posted before any of the page's own scripts run.
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_start',
  main() {
    acceptPageApi(window, {
      transport: {
        ensureHost: async () => void (await callBackground(sendToBackground, 'ensure-host', {})),
        connect: () => browser.runtime.connect({ name: PAGE_API_PORT }),
      },
      installGlobal: async () =>
        (await callBackground(sendToBackground, 'page-api-config', {})).installGlobal,
    });
  },
});

import { installPageApi } from '@/lib/page-api/install';

// The page-facing API (README "For web developers"): in the page's own world, top frames only,
// before the page's scripts run. No global of ours beyond `localAI` (anonymous bundle).
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  world: 'MAIN',
  runAt: 'document_start',
  globalName: false,
  main() {
    installPageApi(window);
  },
});

/**
 * `npm run bench`: the extension measured against the engine alone, every budget in one run.
 * Builds nothing itself (the npm script builds first); starts local servers, launches Debian's
 * chromium with the extension, runs each measure, prints a markdown table and writes
 * bench/results.json. `--smoke` runs one short repetition of everything (used in CI).
 */
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { launchWithExtension, serviceWorkerOf, PAGE_HTML } from '../tests/e2e/fixtures';
import { TINY_MODEL_FILE, writeTinyModel } from '../tests/fixtures/tiny-model/make-tiny-gguf';
import { fileRoute, startStaticServer } from '../tests/fixtures/static-server';
import { markdownTable, type Measure } from './stats';
import { measureStreaming } from './measures/streaming';
import { measureHostColdStart, measurePanelReady } from './measures/startup';
import { measureTenTabs } from './measures/contention';
import { measureMemory } from './measures/memory';
import { measureTables } from './measures/tables';
import { measureDownloads } from './measures/downloads';
import { measurePageApi } from './measures/page-api';
import { measureEngineChoice, measureThreads } from './measures/engine-choice';
import { measureFollowUp } from './measures/followup';
import { measureRecovery } from './measures/recovery';
import { measureRetrieval } from './measures/retrieval';
import { measurePdf } from './measures/pdf';

const smoke = process.argv.includes('--smoke');
export const config = {
  reps: smoke ? 1 : 15,
  llamaTokens: smoke ? 48 : 768,
  pacedTokens: smoke ? 10 : 25,
  prefillWords: smoke ? 100 : 600,
  warmups: smoke ? 0 : 1,
  choiceTokens: smoke ? 16 : 96,
  pageTokens: 1500,
  // The smoke run only checks the scenario still runs: two tabs answer instead of ten.
  tabs: smoke ? 2 : 10,
};

// The plain page is cross-origin isolated, as the extension's pages are, so llama.cpp can run threads.
const ISOLATED = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'credentialless',
};

const t0 = Date.now();
const step = (what: string) => console.error(`bench: ${((Date.now() - t0) / 1000).toFixed(1)} s: ${what}…`);

async function main(): Promise<void> {
  const started = Date.now();
  writeTinyModel(TINY_MODEL_FILE);
  const out = mkdtempSync(join(tmpdir(), 'local-ai-bench-'));
  await build({
    entryPoints: ['bench/plain-page/main.ts'],
    bundle: true,
    format: 'esm',
    outfile: join(out, 'main.js'),
    logLevel: 'warning',
  });
  const plainServer = await startStaticServer({
    '/': {
      body: '<!doctype html><title>plain</title><script type="module" src="/main.js"></script>',
      headers: ISOLATED,
    },
    '/main.js': fileRoute(join(out, 'main.js')),
    '/wllama.wasm': fileRoute('node_modules/@wllama/wllama/esm/wasm/wllama.wasm'),
  });
  const modelServer = await startStaticServer({ '/tiny-llama.gguf': fileRoute(TINY_MODEL_FILE) });
  const pagesA = await startStaticServer({ '/page.html': { body: PAGE_HTML } }, '127.0.0.1');
  const pagesB = await startStaticServer({ '/page.html': { body: PAGE_HTML } }, 'localhost');
  const tiny = {
    engine: 'wllama' as const,
    id: 'tiny-random-llama',
    url: `${modelServer.origin}/tiny-llama.gguf`,
  };

  step('launching chromium');
  // Memory is measured at once rather than at the next garbage collection (up to 20 s later).
  const { context } = await launchWithExtension({
    extraArgs: ['--enable-blink-features=ForceEagerMeasureMemory'],
  });
  const measures: Measure[] = [];
  try {
    const extensionId = new URL((await serviceWorkerOf(context)).url()).host;
    const panelUrl = `chrome-extension://${extensionId}/sidepanel.html`;
    const panel = await context.newPage();
    await panel.goto(panelUrl);
    const plain = await context.newPage();
    await plain.goto(plainServer.origin);
    await plain.waitForFunction(() => typeof window.runPlain === 'function');

    step('host cold start');
    measures.push(await measureHostColdStart(context, panel, config.reps));
    step('panel ready');
    measures.push(await measurePanelReady(context, panelUrl, config.reps));
    step('streaming: extension vs plain page');
    measures.push(...(await measureStreaming(panel, plain, tiny, config)));
    step('ten tabs');
    measures.push(
      ...(await measureTenTabs(
        context,
        panel,
        panelUrl,
        tiny,
        [`${pagesA.origin}/page.html`, `${pagesB.origin}/page.html`],
        config.tabs,
      )),
    );
    step('follow-ups');
    measures.push(await measureFollowUp(panel, tiny, config));
    step('engine choice');
    measures.push(...(await measureEngineChoice(panel, tiny, config)));
    step('threads');
    measures.push(await measureThreads(plain, tiny, config));
    step('recovery');
    measures.push(await measureRecovery(panel, tiny, config.reps));
    step('memory');
    measures.push(...(await measureMemory(context, panel, tiny)));
    step('downloads');
    measures.push(...(await measureDownloads(context, panel, config.reps)));
    step('tables');
    measures.push(...(await measureTables(context, panel, plain, config.reps)));
    step('retrieval');
    measures.push(measureRetrieval(config.reps));
    step('PDF');
    measures.push(
      ...(await measurePdf(
        context,
        panelUrl,
        async () =>
          (await serviceWorkerOf(context)).evaluate(
            async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]!.id!,
          ),
        config.reps,
      )),
    );
    step('page API');
    measures.push(...(await measurePageApi(context, panel, tiny, `${pagesA.origin}/page.html`, config.reps)));
  } finally {
    await context.close();
    await Promise.all([plainServer.close(), modelServer.close(), pagesA.close(), pagesB.close()]);
  }

  const table = markdownTable(measures);
  console.log(`\n${table}\n`);
  console.log(
    `${smoke ? 'smoke run' : 'full run'}: ${config.reps} repetition(s), ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  writeFileSync(
    'bench/results.json',
    JSON.stringify(
      {
        generatedAt: new Date().toISOString(),
        smoke,
        reps: config.reps,
        measures: measures.map(({ id, median, min, max, n, unit, goal, label, note }) => ({
          id,
          median,
          min,
          max,
          n,
          unit,
          goal,
          label,
          note,
        })),
      },
      null,
      2,
    ),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

/**
 * The house rules, checked on the tree itself (in the spirit of refined-github's meta-tests):
 * layering between lib/ folders, pure views, wiring-only entrypoints, file size, and a test
 * beside every module. Each failure names the file and says what to do.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const MAX_LINES = 300;

function walk(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return name === 'generated' ? [] : walk(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const isTest = (file: string) => /\.test(-d)?\.tsx?$/.test(file);
const SOURCES = ['lib', 'components', 'entrypoints', 'bench', 'tests'].flatMap(walk);
const LIB = SOURCES.filter((f) => f.startsWith('lib/') && !isTest(f));

/** Module specifiers a file imports (static, dynamic and re-exports), type-only ones included. */
function specifiers(file: string): string[] {
  const text = read(file);
  const found = [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1]!);
  return found.filter((s) => !s.endsWith('.css'));
}

/** The project file an import resolves to ('lib/x/y'), or null for a package. */
function target(file: string, specifier: string): string | null {
  if (specifier.startsWith('@/')) return specifier.slice(2);
  if (specifier.startsWith('.')) return normalize(join(dirname(file), specifier));
  return null;
}

const folderOf = (path: string) => (path.startsWith('lib/') ? path.split('/')[1]! : null);

describe('layering under lib/', () => {
  const edges = new Map<string, Map<string, string>>();
  for (const file of LIB) {
    const from = folderOf(file)!;
    for (const s of specifiers(file)) {
      const to = folderOf(target(file, s) ?? '');
      if (!to || to === from) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      edges.get(from)!.set(to, file);
    }
  }

  it('has no import cycles between folders', () => {
    const cycles: string[] = [];
    const visit = (node: string, path: string[]) => {
      for (const [next, file] of edges.get(node) ?? []) {
        const at = path.indexOf(next);
        if (at >= 0) cycles.push([...path.slice(at), next].join(' → ') + ` (last step in ${file})`);
        else if (path.length < 12) visit(next, [...path, next]);
      }
    };
    for (const start of edges.keys()) visit(start, [start]);
    expect(cycles, 'Move the shared piece to the folder both depend on, or to lib/protocol').toEqual([]);
  });

  it('keeps lib/protocol free of everything but itself and valibot', () => {
    const leaks = LIB.filter((f) => f.startsWith('lib/protocol/')).flatMap((file) =>
      specifiers(file)
        .filter((s) => {
          const t = target(file, s);
          return t ? !t.startsWith('lib/protocol') : s !== 'valibot';
        })
        .map((s) => `${file} imports ${s}`),
    );
    expect(leaks, 'The protocol owns its data types: move them into lib/protocol').toEqual([]);
  });

  it('keeps lib/tables pure: no imports outside itself, no extension APIs', () => {
    const leaks = LIB.filter((f) => f.startsWith('lib/tables/')).flatMap((file) => [
      ...specifiers(file)
        .filter((s) => !(target(file, s) ?? '').startsWith('lib/tables'))
        .map((s) => `${file} imports ${s}`),
      ...(/\b(chrome|browser)\.\w/.test(read(file)) ? [`${file} uses an extension API`] : []),
    ]);
    expect(leaks, 'Table extraction is a pure DOM → data function').toEqual([]);
  });
});

describe('views in components/', () => {
  const FORBIDDEN = [
    /^wxt\/browser$/,
    /^webextension-polyfill$/,
    /^wxt\/utils\/storage$/,
    /(^|\/)lib\/(engine|host)(\/|$)/,
    /(^|\/)settings\/storage-items$/,
  ];
  const views = SOURCES.filter((f) => f.startsWith('components/') && !isTest(f));

  it('take props and give events: no extension APIs, engines, host or storage', () => {
    const leaks = views.flatMap((file) => [
      ...specifiers(file)
        .filter((s) => FORBIDDEN.some((re) => re.test(target(file, s) ?? s)))
        .map((s) => `${file} imports ${s}`),
      ...[
        ...read(file).matchAll(/\b(chrome|browser)\.\w+|\.request\(|\.onStatus\(|navigator\.clipboard/g),
      ].map((m) => `${file} does I/O itself: ${m[0]}`),
    ]);
    expect(leaks, 'Move state and I/O into a hook or controller under lib/ui and pass values in').toEqual([]);
  });
});

describe('entrypoints', () => {
  it('only wire: no decisions (if, switch, loops, conditional expressions) in an entrypoint', () => {
    const entries = SOURCES.filter((f) => f.startsWith('entrypoints/'));
    const found = entries.flatMap((file) =>
      [...read(file).matchAll(/\b(if|switch|for|while)\s*\(|\s\?\s/g)].map((m) => `${file}: ${m[0]}`),
    );
    expect(found, 'Move the behaviour into lib/<domain>/ and call it from the entrypoint').toEqual([]);
  });
});

describe('files', () => {
  it(`stay under ${MAX_LINES} lines`, () => {
    const long = SOURCES.map((f) => [f, read(f).split('\n').length] as const)
      .filter(([, n]) => n > MAX_LINES)
      .map(([f, n]) => `${f}: ${n} lines`);
    expect(long, 'Split the file by responsibility').toEqual([]);
  });
});

/**
 * Browser-only wiring that unit tests cannot reach; each is exercised end to end in real
 * Chromium by the spec named beside it.
 */
const UNTESTED_BY_DESIGN: Record<string, string> = {
  'lib/actions/register.ts': 'menus and commands: tests/e2e/menu-actions.spec.ts',
  'lib/engine/create-engine.ts': 'picks the adapters inside the engine Worker: shared-host.spec.ts',
  'lib/engine/engine-worker.ts': 'the Worker entry: every e2e spec that streams',
  'lib/engine/fetch-with-progress.ts': 'model fetch in the Worker: side-panel-stream.spec.ts',
  'lib/engine/webllm-engine.ts': 'needs a GPU and model libraries; thin adapter (README)',
  'lib/engine/wllama-engine.ts': 'real llama.cpp in the browser: side-panel-stream.spec.ts',
  'lib/background/background-messages.ts': 'service worker messages: lifecycle.spec.ts',
  'lib/host/extension-transport.ts': 'runtime Ports: every e2e spec',
  'lib/host/start-host.ts': 'the offscreen document: shared-host.spec.ts',
  'lib/page/content-messages.ts': 'content script messages: menu-actions.spec.ts, tables.spec.ts',
  'lib/page/explain-in-bubble.tsx': 'the shadow-DOM bubble: menu-actions.spec.ts',
  'lib/pdf/read-in-extension.ts': 'pdf.js and its bundled Worker in the panel: pdf.spec.ts',
  'lib/providers/provider-access.ts': 'declarativeNetRequest and keys: providers.spec.ts',
  'lib/sql/duckdb-browser.ts': 'DuckDB-WASM in the host: tables.spec.ts',
  // Declaration tables (schemas and allowed callers) for one-shot messages; their mechanism is
  // unit-tested in lib/protocol/one-shot.test.ts.
  'lib/protocol/background.ts': 'service-worker messages: hostile-page.spec.ts, menu-actions.spec.ts',
  'lib/protocol/content-messages.ts': 'content-script messages: tables.spec.ts, page-chat.spec.ts',
  'lib/host/test-hook-methods.ts': 'test builds only: tests/e2e/recovery.spec.ts',
  'lib/host/test-hooks.ts': 'test builds only: tests/e2e/recovery.spec.ts',
  'lib/settings/storage-access.ts': 'storage.setAccessLevel: tests/e2e/hostile-page.spec.ts',
  'lib/settings/build-flags.ts': 'a build-time constant: tests/production-build.test.ts',
  // Containers only connect a view to its controller (each controller has its test beside it).
  'lib/ui/page-api-container.tsx': 'the page API sites in the panel and Settings: page-api.spec.ts',
  'lib/ui/models-container.tsx': 'the Models view: downloads.spec.ts',
  'lib/ui/settings-container.tsx': 'the Settings view: menu-actions.spec.ts, providers.spec.ts',
  'lib/ui/side-panel-container.tsx': 'the whole panel: every side-panel spec',
  'lib/ui/tables-container.tsx': 'the Tables view: tables.spec.ts',
  'lib/ui/welcome-container.tsx': 'the first-run welcome: first-run.spec.ts',
};

describe('tests beside the code', () => {
  /** Project files a file imports, resolved to real paths. */
  const imports = (file: string) =>
    specifiers(file)
      .map((s) => target(file, s))
      .flatMap((t) => (t ? [`${t}.ts`, `${t}.tsx`, `${t}/index.ts`] : []))
      .filter((t) => SOURCES.includes(t));
  /** Only types, interfaces and re-exports: nothing to run, so nothing to test. */
  const typesOnly = (file: string) =>
    !/^\s*(export\s+)?(const|let|function|class|async\s+function|default)\b/m.test(
      read(file).replace(/\/\*[\s\S]*?\*\//g, ''),
    );

  it('has a test in its folder that reaches every module under lib/, or a stated reason', () => {
    const covered = new Set<string>();
    for (const test of SOURCES.filter((f) => f.startsWith('lib/') && isTest(f))) {
      const stack = imports(test);
      stack.forEach((f) => covered.add(f));
      while (stack.length) {
        for (const next of imports(stack.pop()!)) {
          if (dirname(next) !== dirname(test) || covered.has(next)) continue;
          covered.add(next);
          stack.push(next);
        }
      }
    }
    const missing = LIB.filter((f) => !covered.has(f) && !typesOnly(f) && !(f in UNTESTED_BY_DESIGN));
    expect(missing, 'Add <name>.test.ts beside the module').toEqual([]);
  });

  it('keeps the exemption list honest', () => {
    const stale = Object.keys(UNTESTED_BY_DESIGN).filter((f) => !LIB.includes(f));
    expect(stale, 'Remove files that no longer exist from UNTESTED_BY_DESIGN').toEqual([]);
  });
});

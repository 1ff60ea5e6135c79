/**
 * What a store build contains, checked on real `wxt build` output (one build, in a temporary
 * folder): embedded WebLLM model libraries are copied and listed, and the test seams — the
 * synthetic engine, its place in the model picker, `runAction` on the service worker's global
 * scope, and the `LanguageModel` test double — are not there.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SYNTHETIC_MARKER = '(synthetic test engine)';
const DOUBLE_MARKER = 'The built-in model double answers this.';
const RUN_ACTION_EXPOSED = /Object\.assign\(\s*globalThis\s*,\s*\{\s*runAction\b/;

let out = '';
let code = '';

function allJs(dir: string): string {
  return readdirSync(dir, { withFileTypes: true })
    .map((e) =>
      e.isDirectory()
        ? allJs(join(dir, e.name))
        : e.name.endsWith('.js')
          ? readFileSync(join(dir, e.name), 'utf8')
          : '',
    )
    .join('\n');
}

beforeAll(() => {
  const libs = mkdtempSync(join(tmpdir(), 'libs-'));
  out = mkdtempSync(join(tmpdir(), 'out-'));
  writeFileSync(join(libs, 'Fake-webgpu.wasm'), new Uint8Array([0, 97, 115, 109]));
  const env: NodeJS.ProcessEnv = { ...process.env, LOCAL_AI_MODEL_LIBS: libs, LOCAL_AI_OUT_DIR: out };
  delete env.LOCAL_AI_TEST_HOOKS;
  execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, env, stdio: 'pipe' });
  code = allJs(join(out, 'chrome-mv3'));
}, 180_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('a production build', () => {
  it('copies embedded model libraries from LOCAL_AI_MODEL_LIBS and lists them in the code', () => {
    expect(existsSync(join(out, 'chrome-mv3', 'model-libs', 'Fake-webgpu.wasm'))).toBe(true);
    expect(code).toContain('Fake-webgpu.wasm');
  });

  it('leaves out the synthetic test engine and the runAction test hook', () => {
    // The markers are real: the sources carry them, so their absence means they were compiled out.
    expect(readFileSync(join(ROOT, 'lib/engine/synthetic-engine.ts'), 'utf8')).toContain(SYNTHETIC_MARKER);
    expect(readFileSync(join(ROOT, 'lib/actions/register.ts'), 'utf8')).toMatch(RUN_ACTION_EXPOSED);
    expect(code).not.toContain(SYNTHETIC_MARKER);
    expect(code).not.toMatch(RUN_ACTION_EXPOSED);
    expect(code).toContain('The synthetic engine exists in test builds only.');
    expect(code, 'the model picker offers no synthetic engine').not.toContain('Synthetic (diagnostics)');
  });

  it('leaves out the LanguageModel test double and the seam that installs it', () => {
    const double = readFileSync(join(ROOT, 'lib/engine/test-doubles/language-model-double.ts'), 'utf8');
    expect(double).toContain(DOUBLE_MARKER);
    expect(readFileSync(join(ROOT, 'lib/host/test-hook-methods.ts'), 'utf8')).toContain(
      "'test.builtin-model'",
    );
    expect(code).not.toContain(DOUBLE_MARKER);
    expect(code).not.toContain('test.builtin-model');
    // The engine itself ships: Chrome's real model answers where the browser has one.
    expect(code).toContain("Chrome's built-in model is not available in this browser");
  });

  it('has its icons: every size the manifest names is a PNG of that size', () => {
    const dir = join(out, 'chrome-mv3');
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
      icons: Record<string, string>;
      action: { default_icon: Record<string, string> };
    };
    expect(Object.keys(manifest.icons)).toEqual(['16', '32', '48', '128']);
    expect(manifest.action.default_icon).toEqual(manifest.icons);
    for (const [size, path] of Object.entries(manifest.icons)) {
      const png = readFileSync(join(dir, path));
      expect(png.subarray(1, 4).toString(), path).toBe('PNG');
      // The IHDR chunk: width and height, big-endian, at bytes 16 and 20.
      expect([png.readUInt32BE(16), png.readUInt32BE(20)], path).toEqual([Number(size), Number(size)]);
    }
  });
});

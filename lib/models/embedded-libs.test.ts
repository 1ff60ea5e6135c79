import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { embeddedLibUrl } from './embedded-libs';

describe('embedded model libraries', () => {
  it('point WebLLM at the extension copy of an embedded library only', () => {
    const embedded = ['Llama-3.2-1B-Instruct-q4f32_1-ctx4k_cs1k-webgpu.wasm'];
    expect(
      embeddedLibUrl(
        'https://raw.githubusercontent.com/x/libs/Llama-3.2-1B-Instruct-q4f32_1-ctx4k_cs1k-webgpu.wasm',
        embedded,
        'chrome-extension://abc',
      ),
    ).toBe('chrome-extension://abc/model-libs/Llama-3.2-1B-Instruct-q4f32_1-ctx4k_cs1k-webgpu.wasm');
    expect(
      embeddedLibUrl(
        'https://raw.githubusercontent.com/x/libs/Other-webgpu.wasm',
        embedded,
        'chrome-extension://abc',
      ),
    ).toBeNull();
  });

  it('are copied into the build from LOCAL_AI_MODEL_LIBS and listed in the code', () => {
    const libs = mkdtempSync(join(tmpdir(), 'libs-'));
    const out = mkdtempSync(join(tmpdir(), 'out-'));
    writeFileSync(join(libs, 'Fake-webgpu.wasm'), new Uint8Array([0, 97, 115, 109]));
    execFileSync('npx', ['wxt', 'build'], {
      env: { ...process.env, LOCAL_AI_MODEL_LIBS: libs, LOCAL_AI_OUT_DIR: out },
      stdio: 'pipe',
    });
    const dir = join(out, 'chrome-mv3');
    expect(existsSync(join(dir, 'model-libs', 'Fake-webgpu.wasm'))).toBe(true);
    const code =
      readdirSync(join(dir, 'chunks'))
        .map((f) => readFileSync(join(dir, 'chunks', f), 'utf8'))
        .join('') +
      readdirSync(join(dir, 'assets'))
        .filter((f) => f.endsWith('.js'))
        .map((f) => readFileSync(join(dir, 'assets', f), 'utf8'))
        .join('');
    expect(code).toContain('Fake-webgpu.wasm');
  }, 120_000);
});

// Dead code and unused dependencies (knip): every file must be reachable from an entry point.
import type { KnipConfig } from 'knip';

const config: KnipConfig = {
  entry: [
    'entrypoints/**/*.{ts,tsx,html}',
    'wxt.config.ts',
    'bench/plain-page/main.ts',
    'tests/e2e/**/*.spec.ts',
    'lib/**/*.test.{ts,tsx}',
    'lib/**/*.test-d.ts',
    'tests/**/*.test.ts',
  ],
  project: [
    'entrypoints/**/*.{ts,tsx}',
    'components/**/*.{ts,tsx}',
    'lib/**/*.{ts,tsx}',
    'bench/**/*.ts',
    'tests/**/*.ts',
  ],
  // Exported prop and option types that their own file uses are part of its interface.
  ignoreExportsUsedInFile: true,
  // WXT's virtual module and Vite's ambient types: resolved by the build, not by files.
  ignoreUnresolved: ['#imports', 'vite/client'],
  ignoreDependencies: [
    // The polyfill is wired in by WXT's module (wxt.config.ts `modules`), never imported by name.
    'webextension-polyfill',
    '@types/webextension-polyfill',
    '@wxt-dev/webextension-polyfill',
    // WxtVitest() loads the fake browser for unit tests.
    '@webext-core/fake-browser',
  ],
};

export default config;

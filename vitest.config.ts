import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  // Unit tests exercise the test seams, as the test build does (lib/settings/build-flags.ts).
  define: { 'import.meta.env.LOCAL_AI_TEST_HOOKS': 'true' },
  test: {
    include: [
      'lib/**/*.test.ts',
      'lib/**/*.test.tsx',
      'components/**/*.test.tsx',
      'tests/fixtures/**/*.test.ts',
      'tests/*.test.ts',
    ],
    typecheck: { enabled: true, include: ['lib/**/*.test-d.ts'] },
  },
});

import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
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

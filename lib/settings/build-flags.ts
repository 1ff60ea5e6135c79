/**
 * Build flags. Test seams (the synthetic engine, `runAction` on the service worker's global
 * scope) exist only in test builds (`npm run build:test`, which `npm test` and the benchmark
 * use); `npm run build` leaves them out, and tests/production-build.test.ts checks the output.
 */
export const TEST_BUILD = (import.meta.env.LOCAL_AI_TEST_HOOKS as boolean | undefined) === true;

/**
 * The one-shot methods of the test build's seams (see ./test-hooks.ts), declared like every
 * other one-shot table. The service worker stays silent on these so the engine host's answer is
 * the one the sender gets; product builds compile both branches away (lib/settings/build-flags.ts).
 */
import * as v from 'valibot';
import { oneShot } from '../protocol';

export const TEST_HOOK_METHODS = {
  /**
   * Kills the engine Worker now, or when the next streamed delta arrives ('mid-stream'); or, then,
   * stops hearing it, as a hung Worker looks to the host ('hang-mid-stream', detected after stallMs).
   */
  'test.crash-engine': oneShot({
    params: v.strictObject({
      when: v.picklist(['now', 'mid-stream', 'hang-mid-stream']),
      stallMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(100), v.maxValue(60_000))),
    }),
    result: v.strictObject({ ok: v.literal(true) }),
    callers: ['extension-page'],
  }),
  /**
   * Puts the named `LanguageModel` test double (lib/engine/test-doubles) in place of Chrome's
   * Prompt API in the engine host: 'available', 'downloadable' or 'failing' mid-answer.
   */
  'test.builtin-model': oneShot({
    params: v.strictObject({ mode: v.picklist(['available', 'downloadable', 'failing']) }),
    result: v.strictObject({ ok: v.literal(true) }),
    callers: ['extension-page'],
  }),
};

/** Whether a runtime message asks for one of the test seams. */
export function isTestHookRequest(raw: unknown): boolean {
  if (typeof raw !== 'object' || raw === null || !('method' in raw)) return false;
  return typeof raw.method === 'string' && Object.hasOwn(TEST_HOOK_METHODS, raw.method);
}

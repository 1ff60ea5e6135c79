/**
 * Messages from this extension's pages and service worker to a tab's content script, declared
 * once with params and result schemas: the content script checks what it is asked, the asker
 * checks what comes back (a page can tamper with its content script's world, so its replies are
 * data to check, not values to trust).
 */
import * as v from 'valibot';
import { EmptyParams, ExtractedTableSchema } from './schema';
import { callOneShot, oneShot, type OneShotParams, type OneShotResult, type Send } from './one-shot';

const Text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const Nothing = v.null();
const ExtensionOnly = ['extension-page'] as const;

export const SelectionSchema = v.nullable(
  v.strictObject({ text: Text(1_000_000), paragraph: Text(1_000_000) }),
);

/**
 * A passage of a page: one block of its text (a paragraph, list item, heading, caption, cell…)
 * with a short id from the page's block structure (what answers cite, e.g. [3]), a hash of its
 * text (to find it again once the page has changed), and, for documents with pages (PDFs), its
 * page number.
 */
export const PassageSchema = v.strictObject({
  id: v.pipe(v.string(), v.regex(/^\d{1,7}$/)),
  text: Text(1_000_000),
  hash: v.pipe(v.string(), v.regex(/^[0-9a-f]{8}$/)),
  page: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
});
export type Passage = v.InferOutput<typeof PassageSchema>;

export const PageContextSchema = v.strictObject({
  url: Text(2_100_000),
  title: Text(1_000_000),
  lang: Text(10_000),
  text: Text(10_000_000),
  /** Readability's article, the visible text, one element the user picked, or nothing readable. */
  source: v.picklist(['readable', 'visible', 'picked', 'none']),
  /** Characters the page had before the cap, when it was cut. */
  fullChars: v.pipe(v.number(), v.integer(), v.minValue(0)),
  selection: SelectionSchema,
  /** The text as passages in page order, where the page has block structure. */
  passages: v.optional(v.pipe(v.array(PassageSchema), v.maxLength(200_000))),
});
export type PageContext = v.InferOutput<typeof PageContextSchema>;

export const CONTENT_METHODS = {
  /** Shows the answer bubble beside the selection (in the frame that holds it). */
  'explain-selection': oneShot({ params: EmptyParams, result: Nothing, callers: ExtensionOnly }),
  'extract-tables': oneShot({
    params: EmptyParams,
    result: v.strictObject({ tables: v.pipe(v.array(ExtractedTableSchema), v.maxLength(200)) }),
    callers: ExtensionOnly,
  }),
  'highlight-table': oneShot({
    params: v.strictObject({ index: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0))) }),
    result: Nothing,
    callers: ExtensionOnly,
  }),
  /** The table the user right-clicked, if any. */
  'context-table': oneShot({
    params: EmptyParams,
    result: v.strictObject({ index: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0))) }),
    callers: ExtensionOnly,
  }),
  'page-context': oneShot({ params: EmptyParams, result: PageContextSchema, callers: ExtensionOnly }),
  /** Lets the user pick a part of the page; its text as the context, or null if they cancel. */
  'pick-region': oneShot({
    params: EmptyParams,
    result: v.nullable(PageContextSchema),
    callers: ExtensionOnly,
  }),
  'page-url': oneShot({ params: EmptyParams, result: Text(2_100_000), callers: ExtensionOnly }),
  /**
   * Scrolls to a cited passage and highlights it, if its text still has `hash` (else it is looked
   * for by its text, or reported gone). Extension pages only: a page cannot make it highlight.
   */
  'show-passage': oneShot({
    params: v.strictObject({ id: PassageSchema.entries.id, hash: PassageSchema.entries.hash }),
    result: v.strictObject({ outcome: v.picklist(['shown', 'moved', 'gone']) }),
    callers: ExtensionOnly,
  }),
  /** The selection and its paragraph only: cheaper than the whole page context. */
  selection: oneShot({ params: EmptyParams, result: SelectionSchema, callers: ExtensionOnly }),
} as const;

export type ContentMethods = typeof CONTENT_METHODS;
export type ContentMethod = keyof ContentMethods;
export type ContentParams<M extends ContentMethod> = OneShotParams<ContentMethods, M>;
export type ContentResult<M extends ContentMethod> = OneShotResult<ContentMethods, M>;

/**
 * Asks a tab's content script (`send` is tabs.sendMessage bound to the tab and frame).
 * @throws {LocalAiError} as callOneShot.
 */
export function callContent<M extends ContentMethod>(
  send: Send,
  method: M,
  params: ContentParams<M>,
): Promise<ContentResult<M>> {
  return callOneShot(CONTENT_METHODS, send, method, params);
}

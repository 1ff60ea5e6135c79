/**
 * Run-time shapes of everything a client may send to the engine host. The static types
 * in ./messages.ts are inferred from these, so the checker and the compiler can never
 * disagree about what a valid message is.
 */
import * as v from 'valibot';

/** Characters one message may carry; page text is budgeted to the model long before this. */
export const MAX_CONTENT_CHARS = 4_000_000;
export const MAX_MESSAGES = 256;
export const MAX_ID_CHARS = 128;

export const ENGINE_IDS = ['webllm', 'wllama', 'synthetic', 'remote', 'builtin'] as const;
export const EngineIdSchema = v.picklist(ENGINE_IDS);

const ModelUrl = v.pipe(
  v.string(),
  v.url('The model URL is not a valid URL.'),
  v.check((u) => /^https?:\/\//.test(u), 'The model URL must use http or https.'),
);

export const ModelRefSchema = v.strictObject({
  engine: EngineIdSchema,
  /** Catalog id (WebLLM prebuilt id) or a name the user chose for a custom model. */
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(256)),
  /** Where the weights are: a GGUF file for llama.cpp, a model repository for WebLLM. */
  url: v.optional(ModelUrl),
  /** WebLLM only: the compiled model library for a custom model. */
  modelLib: v.optional(ModelUrl),
  /** Context window to allocate; the engine's default where missing. */
  contextWindow: v.optional(v.pipe(v.number(), v.integer(), v.minValue(64), v.maxValue(1_048_576))),
  /**
   * llama.cpp only: layers to put on the WebGPU adapter (0 = CPU only). Where missing, all of
   * them on a real GPU and none on a software adapter.
   */
  gpuLayers: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000))),
});

export const ChatMessageSchema = v.strictObject({
  role: v.picklist(['system', 'user', 'assistant']),
  content: v.pipe(v.string(), v.maxLength(MAX_CONTENT_CHARS, 'A message is too long.')),
});

export const ResponseFormatSchema = v.variant('type', [
  v.strictObject({ type: v.literal('text') }),
  v.strictObject({ type: v.literal('json_object'), schema: v.optional(v.string()) }),
  /** A GBNF grammar (llama.cpp) or EBNF grammar (WebLLM / XGrammar); both share the syntax we emit. */
  v.strictObject({ type: v.literal('grammar'), grammar: v.pipe(v.string(), v.maxLength(200_000)) }),
]);

export const PrioritySchema = v.picklist(['interactive', 'background']);

/** A site as the consent store names it: a host (`example.com:8080`), or the URL of a page without one. */
export const SiteSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(2_000));

/**
 * Declares that a chat's messages carry a page's content (its text, a selection, its tables).
 * The host then lets it go to a provider off this device only with the user's consent for
 * `site`: stored ("always"), or a one-time `grant` the host issued to extension UI.
 */
export const PageContentSchema = v.strictObject({
  site: SiteSchema,
  grant: v.optional(v.pipe(v.string(), v.maxLength(64))),
  /** The sites of other tabs whose text the request carries too: each needs its own consent. */
  also: v.optional(v.pipe(v.array(SiteSchema), v.maxLength(26))),
});

export const ChatParamsSchema = v.strictObject({
  model: ModelRefSchema,
  messages: v.pipe(v.array(ChatMessageSchema), v.minLength(1), v.maxLength(MAX_MESSAGES)),
  max_tokens: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(32_768))),
  temperature: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(2))),
  top_p: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
  /** Sample from the K likeliest tokens (llama.cpp; WebLLM has no such setting and ignores it). */
  top_k: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000))),
  seed: v.optional(v.pipe(v.number(), v.integer())),
  stop: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(64))), v.maxLength(8))),
  response_format: v.optional(ResponseFormatSchema),
  priority: v.optional(PrioritySchema),
  pageContent: v.optional(PageContentSchema),
});

export const EmptyParams = v.strictObject({});

const SqlName = v.pipe(
  v.string(),
  v.regex(/^[a-z_][a-z0-9_]{0,127}$/, 'SQL names are lower-case snake_case.'),
);
export const Scope = v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/, 'A scope is a short id.'));
export const SqlText = v.pipe(v.string(), v.minLength(1), v.maxLength(20_000));

/** Rows of typed cells, checked in a plain loop: tables reach a million cells. */
function isRows(value: unknown): boolean {
  if (!Array.isArray(value) || value.length > 1_000_000) return false;
  for (const row of value) {
    if (!Array.isArray(row)) return false;
    for (const cell of row) {
      const t = typeof cell;
      if (cell !== null && t !== 'number' && t !== 'string') return false;
    }
  }
  return true;
}

export const ExtractedTableSchema = v.strictObject({
  index: v.pipe(v.number(), v.integer(), v.minValue(0)),
  name: v.pipe(v.string(), v.maxLength(1000)),
  sqlName: SqlName,
  source: v.picklist(['html', 'aria']),
  columns: v.pipe(
    v.array(
      v.strictObject({
        name: v.pipe(v.string(), v.maxLength(1000)),
        sqlName: SqlName,
        type: v.picklist(['integer', 'decimal', 'percent', 'currency', 'date', 'datetime', 'time', 'text']),
        currency: v.optional(v.pipe(v.string(), v.maxLength(8))),
        raw: v.optional(
          v.custom<(string | null)[]>(
            (r) => Array.isArray(r) && r.every((x) => x === null || typeof x === 'string'),
          ),
        ),
      }),
    ),
    v.minLength(1),
    v.maxLength(1000),
  ),
  rows: v.custom<(number | string | null)[][]>(isRows, 'Rows must be arrays of numbers, strings or nulls.'),
  unreadRows: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
});

/**
 * Model libraries (.wasm) built into the extension. The Chrome Web Store forbids remotely
 * hosted code and WebLLM's model libraries are code, so a store build embeds them:
 * `LOCAL_AI_MODEL_LIBS=/path/to/libs npm run build` copies every .wasm there into
 * `model-libs/`, and WebLLM then loads those instead of downloading them. Files not embedded
 * are still downloaded as usual.
 */

/** Names of the embedded library files; set at build time (empty in a plain build). */
export const EMBEDDED_LIBS = JSON.parse(
  (import.meta.env.LOCAL_AI_EMBEDDED_LIBS as string | undefined) ?? '[]',
) as readonly string[];

/** The extension URL of the embedded copy of `modelLib`, or null when it is not embedded. */
export function embeddedLibUrl(
  modelLib: string,
  embedded: readonly string[] = EMBEDDED_LIBS,
  base = globalThis.location?.origin ?? '',
): string | null {
  const name = modelLib.split('/').pop() ?? '';
  return embedded.includes(name) ? `${base}/model-libs/${name}` : null;
}

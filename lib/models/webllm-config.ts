/**
 * Everything WebLLM needs that we can decide without a GPU: the app config for a model
 * (prebuilt or custom), and whether its files are already in WebLLM's cache. Kept apart
 * from the adapter so it is tested for real here, where WebLLM inference cannot run.
 */
import { hasModelInCache, prebuiltAppConfig, type AppConfig, type ModelRecord } from '@mlc-ai/web-llm';
import { ModelLoadError, type ModelRef } from '../protocol';
import { embeddedLibUrl } from './embedded-libs';

/** The prebuilt record for a WebLLM model id, if WebLLM ships one. */
export function findPrebuilt(modelId: string): ModelRecord | undefined {
  return prebuiltAppConfig.model_list.find((m) => m.model_id === modelId);
}

/**
 * The app config that makes WebLLM load `model`: the prebuilt record, or a custom record
 * from the model repository URL and model library URL the user gave.
 * @throws {ModelLoadError} for an unknown id without URLs.
 */
export function buildAppConfig(model: ModelRef): AppConfig {
  if (model.engine !== 'webllm') throw new ModelLoadError(`${model.id} is not a WebLLM model.`);
  let record: ModelRecord | undefined;
  if (model.url && model.modelLib) {
    record = { model: model.url, model_id: model.id, model_lib: model.modelLib };
  } else {
    record = findPrebuilt(model.id);
  }
  if (!record) {
    throw new ModelLoadError(
      `WebLLM has no model called "${model.id}". Pick one from the catalog, or give both the model repository URL and its model library (.wasm) URL.`,
    );
  }
  // A model library built into the extension is loaded from there, never downloaded.
  const embedded = embeddedLibUrl(record.model_lib);
  if (embedded) record = { ...record, model_lib: embedded };
  // The Cache API backend: its cache names and URL keys are what our downloader writes.
  return { model_list: [record], cacheBackend: 'cache' };
}

/** Whether every file WebLLM needs for `model` is already cached (asks WebLLM itself). */
export async function isCachedForWebLlm(model: ModelRef): Promise<boolean> {
  return hasModelInCache(model.id, buildAppConfig(model));
}

/** The WebGPU features a WebLLM model requires (e.g. shader-f16 for q4f16 models). */
export function requiredFeatures(model: ModelRef): string[] {
  const record = findPrebuilt(model.id);
  if (record?.required_features) return record.required_features;
  return /f16/.test(model.id) ? ['shader-f16'] : [];
}

/**
 * The text of WebLLM's final message that its stream never delivered (a delta held back while
 * the text ended inside a multi-byte character). Empty when the stream had it all, or when
 * the two disagree (nothing sent can be taken back).
 */
export function missingTail(streamed: string, final: string): string {
  return final.length > streamed.length && final.startsWith(streamed) ? final.slice(streamed.length) : '';
}

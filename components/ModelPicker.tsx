/**
 * Choose which engine and model answer: a WebLLM model id, a GGUF file URL for llama.cpp, or
 * Chrome's built-in model (where the browser has one).
 */
import { t } from '@/lib/i18n/i18n';
import { useRef, useState } from 'preact/hooks';
import type { EngineId, ModelRef } from '@/lib/protocol';
import { TEST_BUILD } from '@/lib/settings/build-flags';

export interface ModelPickerProps {
  model: ModelRef | null;
  onChange: (model: ModelRef) => void;
  /** What an empty choice means here. */
  emptyLabel?: string;
}

export function ModelPicker({ model, onChange, emptyLabel = t('picker_default') }: ModelPickerProps) {
  const [engine, setEngine] = useState<EngineId>(model?.engine ?? 'wllama');
  const [id, setId] = useState(model?.id ?? '');
  const [url, setUrl] = useState(model?.url ?? '');
  const [lib, setLib] = useState(model?.modelLib ?? '');
  const [error, setError] = useState('');
  const details = useRef<HTMLDetailsElement>(null);

  const save = (event: Event) => {
    event.preventDefault();
    if (engine === 'builtin') {
      setError('');
      if (details.current) details.current.open = false;
      return onChange({ engine, id: 'chrome-built-in' });
    }
    const name = id.trim() || url.trim().split('/').pop() || '';
    if (!name) return setError(t('picker_error_name'));
    if (engine === 'wllama' && !/^https?:\/\/\S+$/.test(url.trim())) {
      return setError(t('picker_error_gguf'));
    }
    if (engine === 'webllm' && url.trim() && !/^https?:\/\/\S+\.wasm$/.test(lib.trim())) {
      return setError(t('picker_error_lib'));
    }
    setError('');
    if (details.current) details.current.open = false;
    onChange({
      engine,
      id: name,
      ...(url.trim() ? { url: url.trim() } : {}),
      ...(engine === 'webllm' && lib.trim() ? { modelLib: lib.trim() } : {}),
    });
  };

  return (
    <details class="model-picker" ref={details}>
      <summary>{t('picker_summary', model ? `${model.id} (${model.engine})` : emptyLabel)}</summary>
      <form onSubmit={save}>
        <label>
          {t('picker_engine')}
          <select name="engine" value={engine} onChange={(e) => setEngine(e.currentTarget.value as EngineId)}>
            <option value="webllm">WebLLM (WebGPU)</option>
            <option value="wllama">llama.cpp (GGUF, CPU)</option>
            <option value="builtin">{t('engine_builtin')}</option>
            {/* A test double: offered in test builds only. */}
            {TEST_BUILD && <option value="synthetic">Synthetic (diagnostics)</option>}
          </select>
        </label>
        <label>
          {t('picker_model_id')}
          <input
            name="model-id"
            value={id}
            onInput={(e) => setId(e.currentTarget.value)}
            placeholder="Llama-3.2-1B-Instruct-q4f32_1-MLC"
            dir="ltr"
          />
        </label>
        <label>
          {t('picker_model_url')}
          <input
            name="model-url"
            value={url}
            onInput={(e) => setUrl(e.currentTarget.value)}
            placeholder="https://huggingface.co/…/model.gguf"
            dir="ltr"
          />
        </label>
        {engine === 'webllm' && (
          <label>
            {t('picker_model_lib')}
            <input
              name="model-lib"
              value={lib}
              onInput={(e) => setLib(e.currentTarget.value)}
              placeholder="https://…/model-webgpu.wasm"
              dir="ltr"
            />
          </label>
        )}
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit">{t('picker_use')}</button>
      </form>
    </details>
  );
}

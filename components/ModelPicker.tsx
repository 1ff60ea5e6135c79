/**
 * Choose which engine and model answer: a WebLLM model id, a GGUF file URL for llama.cpp, or
 * Chrome's built-in model (where the browser has one).
 */
import { useRef, useState } from 'preact/hooks';
import type { EngineId, ModelRef } from '@/lib/protocol';
import { TEST_BUILD } from '@/lib/settings/build-flags';

export interface ModelPickerProps {
  model: ModelRef | null;
  onChange: (model: ModelRef) => void;
  /** What an empty choice means here. */
  emptyLabel?: string;
}

export function ModelPicker({ model, onChange, emptyLabel = 'default for this device' }: ModelPickerProps) {
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
    if (!name) return setError('Give the model a name or a URL.');
    if (engine === 'wllama' && !/^https?:\/\/\S+$/.test(url.trim())) {
      return setError('llama.cpp needs the http(s) URL of a .gguf file.');
    }
    if (engine === 'webllm' && url.trim() && !/^https?:\/\/\S+\.wasm$/.test(lib.trim())) {
      return setError('A WebLLM model from a URL also needs the URL of its model library (.wasm).');
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
      <summary>Model: {model ? `${model.id} (${model.engine})` : emptyLabel}</summary>
      <form onSubmit={save}>
        <label>
          Engine
          <select name="engine" value={engine} onChange={(e) => setEngine(e.currentTarget.value as EngineId)}>
            <option value="webllm">WebLLM (WebGPU)</option>
            <option value="wllama">llama.cpp (GGUF, CPU)</option>
            <option value="builtin">Chrome's built-in model</option>
            {/* A test double: offered in test builds only. */}
            {TEST_BUILD && <option value="synthetic">Synthetic (diagnostics)</option>}
          </select>
        </label>
        <label>
          Model id
          <input
            name="model-id"
            value={id}
            onInput={(e) => setId(e.currentTarget.value)}
            placeholder="Llama-3.2-1B-Instruct-q4f32_1-MLC"
          />
        </label>
        <label>
          Model URL
          <input
            name="model-url"
            value={url}
            onInput={(e) => setUrl(e.currentTarget.value)}
            placeholder="https://huggingface.co/…/model.gguf"
          />
        </label>
        {engine === 'webllm' && (
          <label>
            Model library URL (WebLLM, custom models only)
            <input
              name="model-lib"
              value={lib}
              onInput={(e) => setLib(e.currentTarget.value)}
              placeholder="https://…/model-webgpu.wasm"
            />
          </label>
        )}
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit">Use this model</button>
      </form>
    </details>
  );
}

/**
 * Settings → Providers: add Ollama or any OpenAI-compatible endpoint (the model list is fetched
 * from the server, the connection tested with a plain-words diagnosis), and choose when a
 * provider answers instead of this device.
 */
import { useEffect, useState } from 'preact/hooks';
import type { WxtStorageItem } from 'wxt/utils/storage';
import type { EngineClient, ModelRef } from '@/lib/protocol';
import type { Fallback, Provider } from '@/lib/settings/storage-items';

type Item<T> = WxtStorageItem<T, Record<string, unknown>>;

export interface ProvidersSectionProps {
  client: EngineClient;
  providers: Item<Provider[]>;
  fallback: Item<Fallback>;
  activeModel: Item<ModelRef | null>;
}

const DEFAULT_URL = { ollama: 'http://localhost:11434/v1', openai: 'https://api.openai.com/v1' } as const;

export function ProvidersSection({ client, providers, fallback, activeModel }: ProvidersSectionProps) {
  const [list, setList] = useState<Provider[]>([]);
  const [fb, setFb] = useState<Fallback | null>(null);
  const [draft, setDraft] = useState<{
    name: string;
    kind: Provider['kind'];
    baseUrl: string;
    apiKey: string;
  }>({ name: '', kind: 'ollama', baseUrl: DEFAULT_URL.ollama, apiKey: '' });
  const [test, setTest] = useState<{ ok: boolean; text: string; models: string[] } | null>(null);
  useEffect(() => {
    void providers.getValue().then(setList);
    void fallback.getValue().then(setFb);
    const a = providers.watch(setList);
    const b = fallback.watch(setFb);
    return () => (a(), b());
  }, [providers, fallback]);

  const runTest = async () => {
    setTest(null);
    try {
      const { models } = await client.request('providers.test', {
        kind: draft.kind,
        baseUrl: draft.baseUrl.trim(),
        apiKey: draft.apiKey.trim() || undefined,
      });
      setTest({
        ok: true,
        text: `Connected: ${models.length} model${models.length === 1 ? '' : 's'}.`,
        models,
      });
    } catch (e) {
      setTest({ ok: false, text: e instanceof Error ? e.message : String(e), models: [] });
    }
  };
  const save = () => {
    if (!test?.ok) return;
    const provider: Provider = {
      id: crypto.randomUUID().slice(0, 8),
      name: draft.name.trim() || new URL(draft.baseUrl).host,
      kind: draft.kind,
      baseUrl: draft.baseUrl.trim(),
      apiKey: draft.apiKey.trim() || undefined,
      models: test.models,
    };
    void providers.setValue([...list, provider]);
    setDraft({ ...draft, name: '', apiKey: '' });
    setTest(null);
  };
  const ref = (p: Provider, m: string): ModelRef => ({ engine: 'remote', id: m, url: p.baseUrl });

  return (
    <div class="providers">
      <p class="hint">
        Answers run on this device unless you choose otherwise. Ollama and LM Studio on this machine keep
        everything local; a cloud provider sees what you send it.
      </p>
      <ul class="presets">
        {list.map((p) => (
          <li key={p.id} data-testid="provider">
            <strong>
              {p.name} ({p.kind === 'ollama' ? 'Ollama' : 'OpenAI-compatible'})
            </strong>
            <span>{p.baseUrl}</span>
            <button type="button" onClick={() => void providers.setValue(list.filter((x) => x.id !== p.id))}>
              Remove
            </button>
            <span class="provider-models">
              {p.models.map((m) => (
                <span key={m}>
                  {m}{' '}
                  <button type="button" onClick={() => void activeModel.setValue(ref(p, m))}>
                    Use
                  </button>{' '}
                  <button
                    type="button"
                    onClick={() => fb && void fallback.setValue({ ...fb, model: ref(p, m) })}
                  >
                    Fallback
                  </button>
                </span>
              ))}
            </span>
          </li>
        ))}
      </ul>
      <form class="preset-form" onSubmit={(e) => (e.preventDefault(), save())}>
        <select
          name="provider-kind"
          value={draft.kind}
          onChange={(e) => {
            const kind = e.currentTarget.value as Provider['kind'];
            setDraft({ ...draft, kind, baseUrl: DEFAULT_URL[kind] });
          }}
        >
          <option value="ollama">Ollama</option>
          <option value="openai">OpenAI-compatible (OpenAI, LM Studio, vLLM, llama.cpp server)</option>
        </select>
        <input
          name="provider-name"
          placeholder="Name (optional)"
          value={draft.name}
          onInput={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
        />
        <input
          name="provider-url"
          placeholder="Base URL, ending in /v1"
          value={draft.baseUrl}
          onInput={(e) => setDraft({ ...draft, baseUrl: e.currentTarget.value })}
        />
        <input
          name="provider-key"
          type="password"
          autocomplete="off"
          placeholder="API key (kept on this device only)"
          value={draft.apiKey}
          onInput={(e) => setDraft({ ...draft, apiKey: e.currentTarget.value })}
        />
        <div class="row-actions">
          <button type="button" onClick={() => void runTest()}>
            Test connection
          </button>
          <button type="submit" disabled={!test?.ok}>
            Save provider
          </button>
        </div>
        {test && (
          <p
            class={test.ok ? 'hint' : 'error'}
            role={test.ok ? 'status' : 'alert'}
            data-testid="provider-test"
          >
            {test.text}
          </p>
        )}
      </form>
      {fb && (
        <div class="fallback" data-testid="fallback">
          <p>
            Fallback:{' '}
            <strong>
              {fb.model
                ? `${fb.model.id} (${fb.model.url ? new URL(fb.model.url).host : ''})`
                : 'none — always on this device'}
            </strong>
          </p>
          {(['whenNoWebGpu', 'whenDownloading', 'whenTooLong'] as const).map((k) => (
            <label key={k}>
              <input
                type="checkbox"
                name={k}
                checked={fb[k]}
                onChange={(e) => void fallback.setValue({ ...fb, [k]: e.currentTarget.checked })}
              />{' '}
              {k === 'whenNoWebGpu'
                ? 'when this device has no WebGPU'
                : k === 'whenDownloading'
                  ? 'while the local model is still downloading'
                  : 'when the page is too long for the local model'}
            </label>
          ))}
          {fb.model && (
            <button type="button" onClick={() => void fallback.setValue({ ...fb, model: null })}>
              No fallback
            </button>
          )}
        </div>
      )}
    </div>
  );
}

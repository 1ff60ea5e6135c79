/**
 * Settings → Providers: add Ollama or any OpenAI-compatible endpoint — on this machine, on the
 * LAN, or any cloud host (the browser asks the user to allow that origin; the model list is
 * fetched from the server, the connection tested with a plain-words diagnosis); a provider whose
 * permission was revoked says so and offers to grant it again; and choose when a provider
 * answers instead of this device.
 */
import { t, type MessageKey } from '@/lib/i18n/i18n';
import { useState } from 'preact/hooks';
import type { ModelRef } from '@/lib/protocol';
import type { Fallback, Provider, ProviderDraft } from '@/lib/settings/types';
import type { ProviderPreset } from '@/lib/providers/presets';

export interface ProvidersSectionProps {
  providers: Provider[];
  /** Whether each provider's origin is granted now, by provider id. */
  access: Record<string, 'granted' | 'revoked' | 'unknown'>;
  /** Suggested servers: picking one fills in the form. */
  presets: readonly ProviderPreset[];
  /** Null while it is being read. */
  fallback: Fallback | null;
  /** The outcome of the last connection test, if any. */
  test: { ok: boolean; text: string } | null;
  /** A message about the list (e.g. a permission still refused). */
  notice: string | null;
  /** Asks for the origin's permission (from this click) and tests the connection. */
  onTest: (draft: ProviderDraft) => void;
  /** Save the tested draft; true when it was saved. */
  onSave: (draft: ProviderDraft) => boolean;
  /** Removes the provider and gives its origin's permission back. */
  onRemove: (id: string) => void;
  /** Asks for a revoked provider's permission again (from this click). */
  onGrant: (id: string) => void;
  onUse: (model: ModelRef) => void;
  onFallbackChange: (fallback: Fallback) => void;
}

const DEFAULT_URL = { ollama: 'http://localhost:11434/v1', openai: 'https://api.openai.com/v1' } as const;

const FALLBACK_WORDS: Record<'whenNoWebGpu' | 'whenDownloading' | 'whenTooLong', MessageKey> = {
  whenNoWebGpu: 'providers_when_no_webgpu',
  whenDownloading: 'providers_when_downloading',
  whenTooLong: 'providers_when_too_long',
};

const ref = (p: Provider, m: string): ModelRef => ({ engine: 'remote', id: m, url: p.baseUrl });

export function ProvidersSection(props: ProvidersSectionProps) {
  const { providers: list, fallback: fb, test, onFallbackChange } = props;
  const [draft, setDraft] = useState<ProviderDraft>({
    name: '',
    kind: 'ollama',
    baseUrl: DEFAULT_URL.ollama,
    apiKey: '',
  });
  const save = () => {
    if (props.onSave(draft)) setDraft({ ...draft, name: '', apiKey: '' });
  };

  return (
    <div class="providers">
      <p class="hint">{t('providers_hint')}</p>
      {props.notice && (
        <p class="error" role="alert">
          {props.notice}
        </p>
      )}
      <ul class="presets">
        {list.map((p) => (
          <li key={p.id} data-testid="provider">
            <strong>
              {p.name} ({p.kind === 'ollama' ? 'Ollama' : t('providers_openai')})
            </strong>
            <span dir="ltr">{p.baseUrl}</span>
            <button type="button" class="danger" onClick={() => props.onRemove(p.id)}>
              {t('pageapi_remove')}
            </button>
            {props.access[p.id] === 'revoked' ? (
              <span class="error" data-testid="provider-revoked">
                {t('providers_revoked')}{' '}
                <button type="button" onClick={() => props.onGrant(p.id)}>
                  {t('providers_grant')}
                </button>
              </span>
            ) : (
              <span class="provider-models">
                {p.models.map((m) => (
                  <span key={m}>
                    {m}{' '}
                    <button type="button" onClick={() => props.onUse(ref(p, m))}>
                      {t('models_use')}
                    </button>{' '}
                    <button type="button" onClick={() => fb && onFallbackChange({ ...fb, model: ref(p, m) })}>
                      {t('providers_fallback_button')}
                    </button>
                  </span>
                ))}
              </span>
            )}
          </li>
        ))}
      </ul>
      <form class="preset-form" onSubmit={(e) => (e.preventDefault(), save())}>
        <select
          name="provider-preset"
          aria-label={t('providers_suggested')}
          value=""
          onChange={(e) => {
            const preset = props.presets[Number(e.currentTarget.value)];
            if (preset) setDraft({ ...draft, name: preset.name, kind: preset.kind, baseUrl: preset.baseUrl });
          }}
        >
          <option value="">{t('providers_suggested_list')}</option>
          {props.presets.map((p, i) => (
            <option key={p.name} value={String(i)}>
              {p.name} ({p.baseUrl})
            </option>
          ))}
        </select>
        <select
          name="provider-kind"
          aria-label={t('providers_kind')}
          value={draft.kind}
          onChange={(e) => {
            const kind = e.currentTarget.value as Provider['kind'];
            setDraft({ ...draft, kind, baseUrl: DEFAULT_URL[kind] });
          }}
        >
          <option value="ollama">Ollama</option>
          <option value="openai">{t('providers_openai_long')}</option>
        </select>
        <input
          name="provider-name"
          placeholder={t('providers_name')}
          aria-label={t('providers_name')}
          value={draft.name}
          onInput={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
        />
        <input
          name="provider-url"
          placeholder={t('providers_url')}
          aria-label={t('providers_url')}
          value={draft.baseUrl}
          onInput={(e) => setDraft({ ...draft, baseUrl: e.currentTarget.value })}
        />
        <input
          name="provider-key"
          type="password"
          autocomplete="off"
          placeholder={t('providers_key')}
          aria-label={t('providers_key')}
          value={draft.apiKey}
          onInput={(e) => setDraft({ ...draft, apiKey: e.currentTarget.value })}
        />
        <div class="row-actions">
          <button type="button" onClick={() => props.onTest(draft)}>
            {t('providers_test')}
          </button>
          <button type="submit" disabled={!test?.ok}>
            {t('providers_save')}
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
            {t('providers_fallback')}{' '}
            <strong>
              {fb.model
                ? `${fb.model.id} (${fb.model.url ? new URL(fb.model.url).host : ''})`
                : t('providers_fallback_none')}
            </strong>
          </p>
          {(['whenNoWebGpu', 'whenDownloading', 'whenTooLong'] as const).map((k) => (
            <label key={k}>
              <input
                type="checkbox"
                name={k}
                checked={fb[k]}
                onChange={(e) => onFallbackChange({ ...fb, [k]: e.currentTarget.checked })}
              />{' '}
              {t(FALLBACK_WORDS[k])}
            </label>
          ))}
          {fb.model && (
            <button type="button" onClick={() => onFallbackChange({ ...fb, model: null })}>
              {t('providers_no_fallback')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}

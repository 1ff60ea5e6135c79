/**
 * Settings: the answer language, prompt presets (each one a right-click menu item), and a model
 * per kind of task. Theme follows the system. Shows the values it is given, reports changes.
 */
import { t, uiLanguage, type MessageKey } from '@/lib/i18n/i18n';
import { useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import type { Preset, TaskKind, TaskModels } from '@/lib/settings/types';
import { ModelPicker } from './ModelPicker';

export interface SettingsPanelProps {
  /** The answer language; '' means the browser's. */
  language: string;
  onLanguageChange: (language: string) => void;
  presets: Preset[];
  onPresetsChange: (presets: Preset[]) => void;
  taskModels: TaskModels;
  onTaskModelsChange: (models: TaskModels) => void;
  browserLanguage: string;
  /** The Providers section. */
  providers: ComponentChildren;
  /** The Web pages section (the page API's sites). */
  pageApi?: ComponentChildren;
}

const LANGUAGES = [
  'en',
  'de',
  'fr',
  'es',
  'it',
  'pt',
  'nl',
  'pl',
  'sv',
  'ja',
  'zh',
  'ko',
  'ru',
  'uk',
  'tr',
  'ar',
  'hi',
];
const TASKS: { kind: TaskKind; label: MessageKey }[] = [
  { kind: 'chat', label: 'settings_task_chat' },
  { kind: 'summarise', label: 'task_summarise' },
  { kind: 'translate', label: 'task_translate' },
  { kind: 'sql', label: 'task_sql' },
];

// Language names in the UI language (English names in English, as before).
const name = (tag: string) => new Intl.DisplayNames([uiLanguage()], { type: 'language' }).of(tag) ?? tag;

export function SettingsPanel(props: SettingsPanelProps) {
  const { language: lang, presets: list, taskModels: models, browserLanguage, providers } = props;
  const { onLanguageChange: setLang, onPresetsChange: setList, onTaskModelsChange: setModels } = props;
  const [draft, setDraft] = useState({ title: '', prompt: '' });

  return (
    <section class="settings">
      <h2 id="answer-language">{t('settings_answer_language')}</h2>
      <select
        name="answer-language"
        aria-labelledby="answer-language"
        value={lang}
        onChange={(e) => setLang(e.currentTarget.value)}
      >
        <option value="">{t('settings_browser_language', name(browserLanguage))}</option>
        {LANGUAGES.map((l) => (
          <option value={l} key={l}>
            {name(l)}
          </option>
        ))}
      </select>

      <h2>{t('settings_presets')}</h2>
      <p class="hint">{t('settings_presets_hint')}</p>
      <ul class="presets">
        {list.map((p) => (
          <li key={p.id}>
            <strong>{p.title}</strong>
            <span>{p.prompt}</span>
            <button
              type="button"
              class="danger"
              aria-label={t('settings_delete_preset', p.title)}
              onClick={() => setList(list.filter((x) => x.id !== p.id))}
            >
              {t('models_delete')}
            </button>
          </li>
        ))}
      </ul>
      <form
        class="preset-form"
        onSubmit={(e) => {
          e.preventDefault();
          const title = draft.title.trim();
          const prompt = draft.prompt.trim();
          if (!title || !prompt) return;
          setList([
            ...list,
            { id: crypto.randomUUID().slice(0, 8), title: title.slice(0, 60), prompt: prompt.slice(0, 2000) },
          ]);
          setDraft({ title: '', prompt: '' });
        }}
      >
        <input
          name="preset-title"
          placeholder={t('settings_preset_title')}
          aria-label={t('settings_preset_title')}
          value={draft.title}
          onInput={(e) => setDraft({ ...draft, title: e.currentTarget.value })}
        />
        <textarea
          name="preset-prompt"
          rows={2}
          placeholder={t('settings_preset_prompt')}
          aria-label={t('settings_preset_prompt')}
          value={draft.prompt}
          onInput={(e) => setDraft({ ...draft, prompt: e.currentTarget.value })}
        />
        <button type="submit">{t('settings_add_preset')}</button>
      </form>

      <h2>{t('settings_task_models')}</h2>
      <p class="hint">{t('settings_task_models_hint')}</p>
      {TASKS.map(({ kind, label }) => (
        <div class="task-model" key={kind}>
          <span>{t(label)}</span>
          <ModelPicker
            model={models[kind] ?? null}
            emptyLabel={t('settings_top_model')}
            onChange={(m) => setModels({ ...models, [kind]: m })}
          />
          {models[kind] && (
            <button
              type="button"
              onClick={() =>
                setModels(Object.fromEntries(Object.entries(models).filter(([k]) => k !== kind)))
              }
            >
              {t('settings_use_default')}
            </button>
          )}
        </div>
      ))}
      <h2>{t('settings_providers')}</h2>
      {providers}
      {props.pageApi && (
        <>
          <h2>{t('settings_web_pages')}</h2>
          {props.pageApi}
        </>
      )}
      <h2>{t('settings_theme')}</h2>
      <p class="hint">{t('settings_theme_hint')}</p>
    </section>
  );
}

/**
 * Settings: the answer language, prompt presets (each one a right-click menu item), and a model
 * per kind of task. Theme follows the system. Shows the values it is given, reports changes.
 */
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
const TASKS: { kind: TaskKind; label: string }[] = [
  { kind: 'chat', label: 'Chat and questions' },
  { kind: 'summarise', label: 'Summarising' },
  { kind: 'translate', label: 'Translating' },
  { kind: 'sql', label: 'Tables (SQL)' },
];

const name = (tag: string) => new Intl.DisplayNames(['en'], { type: 'language' }).of(tag) ?? tag;

export function SettingsPanel(props: SettingsPanelProps) {
  const { language: lang, presets: list, taskModels: models, browserLanguage, providers } = props;
  const { onLanguageChange: setLang, onPresetsChange: setList, onTaskModelsChange: setModels } = props;
  const [draft, setDraft] = useState({ title: '', prompt: '' });

  return (
    <section class="settings">
      <h2 id="answer-language">Answer language</h2>
      <select
        name="answer-language"
        aria-labelledby="answer-language"
        value={lang}
        onChange={(e) => setLang(e.currentTarget.value)}
      >
        <option value="">Browser language ({name(browserLanguage)})</option>
        {LANGUAGES.map((l) => (
          <option value={l} key={l}>
            {name(l)}
          </option>
        ))}
      </select>

      <h2>Prompt presets</h2>
      <p class="hint">Each preset is an item of the right-click menu on selected text.</p>
      <ul class="presets">
        {list.map((p) => (
          <li key={p.id}>
            <strong>{p.title}</strong>
            <span>{p.prompt}</span>
            <button
              type="button"
              aria-label={`Delete ${p.title}`}
              onClick={() => setList(list.filter((x) => x.id !== p.id))}
            >
              Delete
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
          placeholder="Menu title, e.g. Find the main claim"
          value={draft.title}
          onInput={(e) => setDraft({ ...draft, title: e.currentTarget.value })}
        />
        <textarea
          name="preset-prompt"
          rows={2}
          placeholder="Instruction for the selected text"
          value={draft.prompt}
          onInput={(e) => setDraft({ ...draft, prompt: e.currentTarget.value })}
        />
        <button type="submit">Add preset</button>
      </form>

      <h2>Model per task</h2>
      <p class="hint">A task without its own model uses the model chosen at the top.</p>
      {TASKS.map(({ kind, label }) => (
        <div class="task-model" key={kind}>
          <span>{label}</span>
          <ModelPicker
            model={models[kind] ?? null}
            emptyLabel="the model chosen at the top"
            onChange={(m) => setModels({ ...models, [kind]: m })}
          />
          {models[kind] && (
            <button
              type="button"
              onClick={() =>
                setModels(Object.fromEntries(Object.entries(models).filter(([k]) => k !== kind)))
              }
            >
              Use the default
            </button>
          )}
        </div>
      ))}
      <h2>Providers</h2>
      {providers}
      {props.pageApi && (
        <>
          <h2>Web pages</h2>
          {props.pageApi}
        </>
      )}
      <h2>Theme</h2>
      <p class="hint">Follows your system's light or dark setting.</p>
    </section>
  );
}

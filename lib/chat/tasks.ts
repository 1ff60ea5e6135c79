/**
 * What each menu task asks of the model. The selected text is never part of the instruction:
 * it travels as quoted data beside it.
 */
import type { TaskId, TaskKind } from '../settings/storage-items';

export type { TaskId };

export interface TaskOptions {
  /** Language to answer in (a BCP 47 tag or a language name). */
  language: string;
  presetPrompt?: string;
  presetTitle?: string;
}

const languageName = (tag: string) => {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
};

/** The instruction shown in the conversation and sent to the model; null for "ask" (the user types it). */
export function taskInstruction(task: TaskId, options: TaskOptions): string | null {
  const lang = languageName(options.language);
  switch (task) {
    case 'explain':
      return `Explain the selected text in plain words. Answer in ${lang}.`;
    case 'summarise':
      return `Summarise the selected text in a few bullet points. Answer in ${lang}.`;
    case 'translate':
      return `Translate the selected text into ${lang}. Reply with the translation only.`;
    case 'rewrite':
      return `Rewrite the selected text to be clearer and more concise, keeping its meaning. Answer in ${lang}.`;
    case 'summarise-page':
      return `Summarise this page in a few bullet points. Answer in ${lang}.`;
    case 'preset':
      return `${options.presetPrompt ?? ''} Answer in ${lang}.`.trim();
    case 'ask':
      return null;
  }
}

/** Which per-task model setting a task uses. */
export function taskKind(task: TaskId): TaskKind {
  if (task === 'summarise' || task === 'summarise-page') return 'summarise';
  if (task === 'translate') return 'translate';
  return 'chat';
}

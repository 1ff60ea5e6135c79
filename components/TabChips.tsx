/**
 * Other open tabs as context: a removable chip per tab added (its letter, as its citations carry
 * it: [B3]), and the "Add tab" list of the window's other web pages, by title and site.
 */
import { X } from 'lucide-preact';
import type { ContextTab, TabChoice } from '@/lib/chat/tab-context';
import { t } from '@/lib/i18n/i18n';

export interface TabChipsProps {
  tabs: ContextTab[];
  /** The "Add tab" list while it is open. */
  choices: TabChoice[] | null;
  onCloseChoices: () => void;
  onAdd: (choice: TabChoice) => void;
  onRemove: (id: number) => void;
  /** Grant the origin a tab needs (its `access`), from this click, then read it. */
  onAllow: (tab: ContextTab) => void;
}

export function TabChips({ tabs, choices, onCloseChoices, onAdd, onRemove, onAllow }: TabChipsProps) {
  return (
    <div class="tab-context">
      {tabs.length > 0 && (
        <ul class="tab-chips" aria-label={t('chat_tabs_label')}>
          {tabs.map((tab) => (
            <li class={`tab-chip ${tab.page ? 'on' : 'off'}`} key={tab.id} data-testid="tab-chip">
              <span class="tab-letter" title={t('chat_tab_letter_title', tab.letter)}>
                {tab.letter}
              </span>
              <span class="tab-name">
                <strong>
                  <bdi>{tab.page?.title || tab.title}</bdi>
                </strong>{' '}
                <span class="tab-host">{tab.host}</span>
                {!tab.page && <em class="tab-problem">{tab.problem ?? t('chat_tab_reading')}</em>}
                {tab.access && (
                  <button type="button" onClick={() => onAllow(tab)}>
                    {t('chat_tab_allow', new URL(tab.access).host)}
                  </button>
                )}
              </span>
              <button
                type="button"
                class="chip-remove"
                aria-label={t('chat_tab_remove', tab.page?.title || tab.title)}
                onClick={() => onRemove(tab.id)}
              >
                <X size={14} aria-hidden="true" />
              </button>
            </li>
          ))}
        </ul>
      )}
      {choices && (
        <div class="tab-choices" role="dialog" aria-label={t('chat_tabs_choose')}>
          <p>{choices.length ? t('chat_tabs_choose') : t('chat_tabs_none')}</p>
          <ul>
            {choices.map((choice) => (
              <li key={choice.id}>
                <button type="button" onClick={() => onAdd(choice)}>
                  <strong>
                    <bdi>{choice.title}</bdi>
                  </strong>{' '}
                  <span class="tab-host">{choice.host}</span>
                </button>
              </li>
            ))}
          </ul>
          <button type="button" onClick={onCloseChoices}>
            {t('chat_tabs_cancel')}
          </button>
        </div>
      )}
    </div>
  );
}

/** Search earlier conversations on every page and open one. */
import { t } from '@/lib/i18n/i18n';
import { useState } from 'preact/hooks';
import type { Conversation } from '@/lib/chat/history-store';

export interface HistorySearchProps {
  search: (query: string) => Promise<Conversation[]>;
  onOpen: (conversation: Conversation) => void;
}

export function HistorySearch({ search, onOpen }: HistorySearchProps) {
  const [results, setResults] = useState<Conversation[] | null>(null);
  return (
    <details class="history">
      <summary>{t('history_title')}</summary>
      <input
        type="search"
        name="history-search"
        placeholder={t('history_placeholder')}
        aria-label={t('history_placeholder')}
        onInput={(e) => void search(e.currentTarget.value).then(setResults)}
        onFocus={(e) => void search(e.currentTarget.value).then(setResults)}
      />
      <ul>
        {results?.map((c) => (
          <li key={c.id}>
            <button type="button" onClick={() => onOpen(c)}>
              <strong>{c.pageTitle}</strong> <span>{c.messages[0]?.content.slice(0, 80)}</span>
            </button>
          </li>
        ))}
        {results?.length === 0 && <li class="hint">{t('history_none')}</li>}
      </ul>
    </details>
  );
}

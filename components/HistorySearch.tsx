/** Search earlier conversations on every page and open one. */
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
      <summary>History</summary>
      <input
        type="search"
        name="history-search"
        placeholder="Search conversations…"
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
        {results?.length === 0 && <li class="hint">No conversation matches.</li>}
      </ul>
    </details>
  );
}

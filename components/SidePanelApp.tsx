/**
 * The side panel: status, model choice, and the views (Chat, Tables, Models, Settings) as tabs.
 * It shows what it is given; each view's content comes in ready-made.
 */
import { t, type MessageKey } from '@/lib/i18n/i18n';
import type { ComponentChildren } from 'preact';
import type { HostStatus, ModelRef } from '@/lib/protocol';
import type { PanelView } from '@/lib/settings/types';
import { ModelPicker } from './ModelPicker';
import { StatusLine } from './StatusLine';

export interface SidePanelAppProps {
  status: HostStatus | null;
  model: ModelRef | null;
  onModelChange: (model: ModelRef) => void;
  view: PanelView;
  onViewChange: (view: PanelView) => void;
  /** What each view shows; only the open one is rendered. */
  views: Record<PanelView, ComponentChildren>;
  /** Requests waiting for the user whatever the view (sites asking to use the page API). */
  requests?: ComponentChildren;
}

const VIEWS: Record<PanelView, MessageKey> = {
  chat: 'view_chat',
  tables: 'view_tables',
  models: 'view_models',
  settings: 'view_settings',
};

/** The ARIA tabs pattern: arrows move between the views (mirrored right to left), Home and End. */
function nextView(key: string, view: PanelView, rtl: boolean): PanelView | null {
  const order = Object.keys(VIEWS) as PanelView[];
  const at = order.indexOf(view);
  const step = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1 }[key];
  if (step) return order[(at + step + order.length) % order.length]!;
  if (key === 'Home') return order[0]!;
  if (key === 'End') return order.at(-1)!;
  return null;
}

export function SidePanelApp(props: SidePanelAppProps) {
  const { status, model, onModelChange, view, onViewChange, views } = props;
  const onKeyDown = (event: KeyboardEvent) => {
    const nav = event.currentTarget as HTMLElement;
    const next = nextView(event.key, view, getComputedStyle(nav).direction === 'rtl');
    if (!next) return;
    event.preventDefault();
    onViewChange(next);
    // Focus follows the selection, as the pattern says; the new tab is rendered on the next frame.
    requestAnimationFrame(() => nav.querySelector<HTMLElement>('[aria-selected="true"]')?.focus());
  };
  return (
    <main>
      <StatusLine status={status} />
      {props.requests}
      <ModelPicker model={model} onChange={onModelChange} />
      <nav class="views" role="tablist" aria-label={t('view_list')} onKeyDown={onKeyDown}>
        {(Object.keys(VIEWS) as PanelView[]).map((v) => (
          <button
            type="button"
            role="tab"
            aria-selected={view === v}
            // One tab stop for the list: Tab goes on to the view, arrows move between the tabs.
            tabIndex={view === v ? 0 : -1}
            key={v}
            onClick={() => onViewChange(v)}
          >
            {t(VIEWS[v])}
          </button>
        ))}
      </nav>
      {views[view]}
    </main>
  );
}

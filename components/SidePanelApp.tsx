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

export function SidePanelApp(props: SidePanelAppProps) {
  const { status, model, onModelChange, view, onViewChange, views } = props;
  return (
    <main>
      <StatusLine status={status} />
      {props.requests}
      <ModelPicker model={model} onChange={onModelChange} />
      <nav class="views" role="tablist" aria-label={t('view_list')}>
        {(Object.keys(VIEWS) as PanelView[]).map((v) => (
          <button type="button" role="tab" aria-selected={view === v} key={v} onClick={() => onViewChange(v)}>
            {t(VIEWS[v])}
          </button>
        ))}
      </nav>
      {views[view]}
    </main>
  );
}

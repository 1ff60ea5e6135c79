/** The Tables view with, when a provider off this device would see the tables, the consent question. */
import { tRich } from '@/lib/ui/rich-text';
import type { ConsentChoice } from '@/lib/providers/consent';
import { TablesView, type TablesViewProps } from './TablesView';
import { ConsentPrompt } from './ConsentPrompt';

export interface TablesPanelProps extends TablesViewProps {
  /** The provider waiting for consent to see this page's tables, if any. */
  consent: { provider: string; site: string } | null;
  onConsent: (choice: ConsentChoice) => void;
}

export function TablesPanel({ consent, onConsent, ...view }: TablesPanelProps) {
  return (
    <>
      {consent && (
        <ConsentPrompt site={consent.site} onAnswer={onConsent}>
          {tRich('tables_consent', <strong>{consent.provider}</strong>)}
        </ConsentPrompt>
      )}
      <TablesView {...view} />
    </>
  );
}

import { startEngineHost } from '@/lib/host/start-host';
import { applyDocumentLocale } from '@/lib/i18n/i18n';

applyDocumentLocale(document);
startEngineHost();

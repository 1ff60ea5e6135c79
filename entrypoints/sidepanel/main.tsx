import { render } from 'preact';
import { SidePanelApp } from '@/components/SidePanelApp';
import { EngineClient } from '@/lib/protocol';
import { extensionTransport } from '@/lib/host/extension-transport';
import { activeModelItem } from '@/lib/settings/storage-items';

const client = new EngineClient(extensionTransport);
render(<SidePanelApp client={client} modelSetting={activeModelItem} />, document.getElementById('app')!);

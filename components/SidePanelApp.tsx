/**
 * The side panel: status, model choice and a streamed chat. It receives the engine client
 * and the model setting as props, so it never touches extension APIs itself.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { WxtStorageItem } from 'wxt/utils/storage';
import { AbortedError, type EngineClient, type HostStatus, type ModelRef } from '@/lib/protocol';
import { chatMessages } from '@/lib/page/prompts';
import { defaultModelFor } from '@/lib/models/default-models';
import { ChatPanel } from './ChatPanel';
import { ModelPicker } from './ModelPicker';
import { StatusLine } from './StatusLine';

export interface SidePanelAppProps {
  client: EngineClient;
  modelSetting: WxtStorageItem<ModelRef | null, Record<string, unknown>>;
}

export function SidePanelApp({ client, modelSetting }: SidePanelAppProps) {
  const [status, setStatus] = useState<HostStatus | null>(null);
  const [model, setModel] = useState<ModelRef | null>(null);
  const [answer, setAnswer] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const controller = useRef<AbortController | null>(null);

  useEffect(
    () =>
      client.onStatus((s) => {
        // User Timing mark for the benchmark: the panel is usable once the host has answered.
        if (!performance.getEntriesByName('local-ai:panel-ready').length) performance.mark('local-ai:panel-ready');
        setStatus(s);
      }),
    [client],
  );
  useEffect(() => {
    void modelSetting.getValue().then(setModel);
    return modelSetting.watch(setModel);
  }, [modelSetting]);

  const send = async (prompt: string) => {
    controller.current = new AbortController();
    setBusy(true);
    setAnswer('');
    setError(null);
    try {
      const chosen = model ?? defaultModelFor(await client.request('capabilities', {}));
      await client.request(
        'chat',
        { model: chosen, messages: chatMessages([], prompt), max_tokens: 512 },
        { signal: controller.current.signal, onChunk: ({ delta }) => setAnswer((a) => a + delta) },
      );
    } catch (e) {
      if (!(e instanceof AbortedError)) setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main>
      <StatusLine status={status} />
      <ModelPicker model={model} onChange={(m) => void modelSetting.setValue(m)} />
      <ChatPanel answer={answer} busy={busy} error={error} onSend={send} onStop={() => controller.current?.abort()} />
    </main>
  );
}

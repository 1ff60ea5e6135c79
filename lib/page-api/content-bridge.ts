/**
 * The content script's end of the page API: takes the port the page's script hands over (once,
 * from this window only), checks every message from it (envelope, then the method's protocol
 * schema), and forwards the calls to the engine host on the page API's own Port name, where the
 * host tags them as this web page. Only the top frame offers the API (the host refuses others too).
 */
import * as v from 'valibot';
import {
  BadRequestError,
  EngineClient,
  QuotaError,
  parseRequest,
  serializeError,
  type ClientTransport,
  type ParamsOf,
} from '../protocol';
import { HandoverSchema, PageToBridgeSchema, type BridgeToPage, type PageMethod } from './channel-messages';

/** Calls one page may have in flight through the bridge; the host's own caps are tighter. */
const MAX_IN_FLIGHT = 64;

export interface BridgeDeps {
  /** Connects on the page API's Port name (PAGE_API_PORT). */
  transport: ClientTransport;
  /** The user's setting: also install as window.LanguageModel where the browser has none. */
  installGlobal: () => Promise<boolean>;
}

/** Waits for the page's script to hand over its port, then serves it. Top frames only. */
export function acceptPageApi(win: Window, deps: BridgeDeps): void {
  if (win !== win.top) return;
  let taken = false;
  const onMessage = (event: MessageEvent) => {
    if (taken || event.source !== win || !v.is(HandoverSchema, event.data) || event.ports.length !== 1)
      return;
    // The first handover wins; nobody else on the page gets to see this port.
    taken = true;
    win.removeEventListener('message', onMessage, true);
    event.stopImmediatePropagation();
    servePort(event.ports[0]!, deps);
  };
  win.addEventListener('message', onMessage, true);
}

function servePort(port: MessagePort, deps: BridgeDeps): void {
  // One connection per page, opened on the first call.
  const client = new EngineClient(deps.transport);
  const calls = new Map<number, AbortController>();
  const send = (message: BridgeToPage) => port.postMessage(message);

  port.onmessage = (event: MessageEvent) => {
    const parsed = v.safeParse(PageToBridgeSchema, event.data);
    if (!parsed.success) return;
    const message = parsed.output;
    if (message.type === 'cancel') return calls.get(message.id)?.abort();
    const { id, method } = message;
    if (calls.has(id))
      return send({ type: 'error', id, error: new BadRequestError('Call id in use.').toJSON() });
    if (calls.size >= MAX_IN_FLIGHT)
      return send({
        type: 'error',
        id,
        error: new QuotaError('Too many calls in flight; wait for some to finish.').toJSON(),
      });
    const controller = new AbortController();
    calls.set(id, controller);
    forward(client, method, message.params, controller.signal, (data) => send({ type: 'chunk', id, data }))
      .then(
        (data) => send({ type: 'result', id, data }),
        (error: unknown) => send({ type: 'error', id, error: serializeError(error) }),
      )
      .finally(() => calls.delete(id));
  };
  void deps.installGlobal().then(
    (installGlobal) => send({ type: 'config', installGlobal }),
    () => send({ type: 'config', installGlobal: false }),
  );
}

/** Checks the params against the method's protocol schema and sends the call to the host. */
async function forward<M extends PageMethod>(
  client: EngineClient,
  method: M,
  raw: unknown,
  signal: AbortSignal,
  onChunk: (data: unknown) => void,
): Promise<unknown> {
  const params: ParamsOf<M> = parseRequest(method, 'page', raw).params;
  return client.request(method, params, { signal, onChunk });
}

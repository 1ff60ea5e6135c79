/**
 * "Pick a part of the page": the user points at an element (mouse, or the keyboard: arrows to
 * widen or narrow, Enter to take it, Escape to cancel) and only it becomes the context. The outline
 * and the hint live in a closed shadow root under an inline !important style, so the page's styles
 * cannot restyle them and the page's scripts cannot reach into them. Only the user's own events
 * count (a page script cannot pick for them). While picking, clicks reach none of the page's
 * handlers but those it registered on window, capturing, before picking began: those run first,
 * can see the click, and could swallow it; they cannot change what is picked. A page can remove
 * the outline's host element: that ends the pick (nothing picked), and so does a timeout, so a
 * page that swallows the user's keys cannot keep the picker, or the panel, waiting.
 */
import { t } from '../i18n/i18n';

export interface PickOptions {
  doc?: Document;
  signal?: AbortSignal;
  /**
   * Whether an event came from the user: only the browser's own (isTrusted) by default, so a page
   * script cannot pick for the user. Unit tests, which can only dispatch events, say otherwise.
   */
  fromUser?: (event: Event) => boolean;
  /** Cancels a pick the user has not finished by then (a page may swallow their keys and clicks). */
  timeoutMs?: number;
}

/** Long enough to find a part of a long page; the panel shows "picking" until then at most. */
export const PICK_TIMEOUT_MS = 120_000;

// Inline and !important: no page style sheet, however specific or important, can hide the outline.
const HOST_STYLE =
  'all: initial !important; position: fixed !important; inset: 0 !important;' +
  ' z-index: 2147483647 !important; pointer-events: none !important; display: block !important;';
const BOX_STYLE =
  'position: fixed; box-sizing: border-box; border: 2px solid #1a73e8; background: rgba(26,115,232,0.12);' +
  ' border-radius: 2px; display: none;';
const HINT_STYLE =
  'position: fixed; inset-inline: 8px; top: 8px; padding: 6px 10px; border-radius: 6px;' +
  ' font: 13px/1.4 system-ui, sans-serif; color: #fff; background: #202124; text-align: center;';

/**
 * Lets the user pick one element of the page; resolves with it, or null when they cancel (Escape,
 * or `signal` aborts).
 */
export function pickElement({
  doc = document,
  signal,
  fromUser = (event) => event.isTrusted,
  timeoutMs = PICK_TIMEOUT_MS,
}: PickOptions = {}): Promise<Element | null> {
  const win = doc.defaultView ?? window;
  const host = doc.createElement('div');
  host.setAttribute('style', HOST_STYLE);
  const root = host.attachShadow({ mode: 'closed' });
  const box = doc.createElement('div');
  box.setAttribute('style', BOX_STYLE);
  const hint = doc.createElement('div');
  hint.setAttribute('style', HINT_STYLE);
  hint.setAttribute('role', 'status');
  hint.textContent = t('picker_hint');
  hint.dir = t('ui_dir') === 'rtl' ? 'rtl' : 'ltr';
  root.append(box, hint);
  doc.documentElement.append(host);

  let current: Element | null = startingPoint(doc);
  /** Elements left by ArrowUp, to come back to with ArrowDown. */
  const narrower: Element[] = [];

  const draw = () => {
    const rect = current?.getBoundingClientRect();
    if (!rect) return void (box.style.display = 'none');
    Object.assign(box.style, {
      display: 'block',
      left: `${rect.left}px`,
      top: `${rect.top}px`,
      width: `${rect.width}px`,
      height: `${rect.height}px`,
    });
  };
  const point = (target: EventTarget | null) => {
    if (!(target instanceof win.Element) || target === host) return;
    current = target;
    narrower.length = 0;
    draw();
  };
  draw();

  return new Promise<Element | null>((resolve) => {
    const finish = (picked: Element | null) => {
      for (const [type, listener] of listeners) win.removeEventListener(type, listener, true);
      signal?.removeEventListener('abort', cancel);
      removal.disconnect();
      clearTimeout(timer);
      host.remove();
      resolve(picked);
    };
    const cancel = () => finish(null);
    // The page never sees the pointer while the user picks: no link followed, no menu opened.
    const swallow = (event: Event) => {
      event.preventDefault();
      event.stopImmediatePropagation();
    };
    const listeners: [string, (event: Event) => void][] = [
      ['mousemove', (e) => point(e.target)],
      ['mouseover', (e) => point(e.target)],
      ['pointerdown', swallow],
      ['mousedown', swallow],
      ['pointerup', swallow],
      ['mouseup', swallow],
      ['click', (e) => (swallow(e), point(e.target), finish(current))],
      [
        'keydown',
        (e) => {
          const key = (e as KeyboardEvent).key;
          if (!['Escape', 'Enter', 'ArrowUp', 'ArrowDown'].includes(key)) return;
          swallow(e);
          if (key === 'Escape') return cancel();
          if (key === 'Enter') return finish(current);
          if (key === 'ArrowUp' && current?.parentElement && current.parentElement !== doc.documentElement) {
            narrower.push(current);
            current = current.parentElement;
          } else if (key === 'ArrowDown') {
            current = narrower.pop() ?? current?.firstElementChild ?? current;
          }
          current?.scrollIntoView?.({ block: 'nearest' });
          draw();
        },
      ],
    ];
    // Script-made events are swallowed but do nothing: only the user moves, picks or cancels.
    const guarded = listeners.map(
      ([type, listener]) =>
        [type, (e: Event) => (fromUser(e) ? listener(e) : swallow(e))] as [string, (event: Event) => void],
    );
    listeners.splice(0, listeners.length, ...guarded);
    for (const [type, listener] of listeners) win.addEventListener(type, listener, true);
    // A page that takes the picker's outline away ends the pick: the user could no longer see what
    // they would pick, and a stand-in outline of the page's own must not choose for them.
    const removal = new MutationObserver(() => !host.isConnected && cancel());
    removal.observe(doc.documentElement, { childList: true });
    const timer = setTimeout(cancel, timeoutMs);
    if (signal?.aborted) cancel();
    else signal?.addEventListener('abort', cancel, { once: true });
  });
}

/** Where a keyboard user starts: the focused element, else the main content, else the body. */
function startingPoint(doc: Document): Element | null {
  const active = doc.activeElement;
  if (active && active !== doc.body && active !== doc.documentElement) return active;
  return doc.querySelector('main, article, [role=main]') ?? doc.body;
}

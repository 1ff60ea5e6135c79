/**
 * Where a PDF comes from and how its bytes are fetched: only http(s) addresses ending in .pdf,
 * only from this machine or origins the user granted, and never more than MAX_PDF_BYTES.
 */
import { isLoopbackHost } from '../models/hosts';
import { PageAccessNeededError, PageUnreadableError } from '../protocol';

export const MAX_PDF_BYTES = 100 * 1024 * 1024;

/** Whether `url` names a PDF by its path (what the viewer tab and a right-clicked link show). */
export function isPdfUrl(url: string | undefined): url is string {
  if (!url) return false;
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && /\.pdf$/i.test(u.pathname);
  } catch {
    return false;
  }
}

/** The viewer's address for `page` of the PDF at `url` (Chrome's viewer opens at #page=N). */
export function pdfPageUrl(url: string, page: number): string {
  const u = new URL(url);
  u.hash = `page=${Math.max(1, Math.floor(page))}`;
  return u.href;
}

/** The file's name, for a PDF without a title of its own. */
export function pdfFileName(url: string): string {
  const last = new URL(url).pathname.split('/').pop() ?? '';
  try {
    return decodeURIComponent(last) || 'PDF';
  } catch {
    return last || 'PDF';
  }
}

export interface PdfFetch {
  /** Whether the user granted the extension `origin` (the browser's host permission). */
  granted: (origin: string) => Promise<boolean>;
  fetchFn?: typeof fetch;
  maxBytes?: number;
}

/**
 * Fetches the PDF's bytes: from this machine (the manifest's host permissions), or from an origin
 * the user granted; nothing is requested from any other.
 * @throws {PageAccessNeededError} an origin the user has not granted (the panel offers it).
 * @throws {PageUnreadableError} an HTTP error, a file that is not a PDF, or one larger than
 *   MAX_PDF_BYTES.
 */
export async function fetchPdf(
  url: string,
  { granted, fetchFn = fetch, maxBytes = MAX_PDF_BYTES }: PdfFetch,
): Promise<Uint8Array> {
  const { hostname, host, origin, protocol } = new URL(url);
  const local = protocol === 'http:' && isLoopbackHost(hostname);
  if (!local && !(await granted(origin).catch(() => false))) throw new PageAccessNeededError(origin);
  // A redirect could lead anywhere (this machine, the LAN): it is refused, not followed.
  const response = await fetchFn(url, { credentials: 'omit', redirect: 'manual' }).catch(() => {
    throw new PageUnreadableError(
      `Local AI could not download this PDF from ${host}. Check that it still opens.`,
    );
  });
  if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400))
    throw new PageUnreadableError(
      'This PDF link redirects to another address. Open the link, then ask about the PDF in its tab.',
    );
  if (!response.ok) throw new PageUnreadableError(`${host} answered ${response.status} for this PDF.`);
  const declared = Number(response.headers.get('content-length'));
  const tooBig = () =>
    new PageUnreadableError(
      `This PDF is larger than ${Math.round(maxBytes / 1024 / 1024)} MB, too large to read here.`,
    );
  if (declared > maxBytes) throw tooBig();
  const bytes = await readAtMost(response, maxBytes, tooBig);
  if (new TextDecoder().decode(bytes.subarray(0, 1024)).indexOf('%PDF-') < 0)
    throw new PageUnreadableError('This address does not serve a PDF file.');
  return bytes;
}

/** The body, read until it ends or passes `maxBytes` (then `tooBig()` is thrown and the read cancelled). */
async function readAtMost(response: Response, maxBytes: number, tooBig: () => Error): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooBig();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) bytes.set(chunk, (at += chunk.length) - chunk.length);
  return bytes;
}

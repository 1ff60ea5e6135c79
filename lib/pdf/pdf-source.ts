/**
 * Where a PDF comes from and how its bytes are fetched: only http(s) addresses ending in .pdf,
 * only from origins the extension may reach, and never more than MAX_PDF_BYTES.
 */
import { isLoopbackHost } from '../models/hosts';
import { PageUnreadableError } from '../protocol';

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

/**
 * Fetches the PDF's bytes.
 * @throws {PageUnreadableError} an origin the extension may not reach, an HTTP error, a file
 *   that is not a PDF, or one larger than MAX_PDF_BYTES.
 */
export async function fetchPdf(
  url: string,
  fetchFn: typeof fetch = fetch,
  maxBytes = MAX_PDF_BYTES,
): Promise<Uint8Array> {
  const { hostname, host } = new URL(url);
  // The extension's security policy lets its pages fetch only from this machine (and model hosts).
  if (!isLoopbackHost(hostname))
    throw new PageUnreadableError(
      `Local AI cannot fetch PDFs from ${host} yet, only from this computer (127.0.0.1 or localhost). Ask without the PDF, or copy the part you need into the question.`,
    );
  const response = await fetchFn(url, { credentials: 'omit' }).catch(() => {
    throw new PageUnreadableError(
      `Local AI could not download this PDF from ${host}. Check that it still opens.`,
    );
  });
  if (!response.ok) throw new PageUnreadableError(`${host} answered ${response.status} for this PDF.`);
  const declared = Number(response.headers.get('content-length'));
  const tooBig = () =>
    new PageUnreadableError(
      `This PDF is larger than ${Math.round(maxBytes / 1024 / 1024)} MB, too large to read here.`,
    );
  if (declared > maxBytes) throw tooBig();
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length > maxBytes) throw tooBig();
  if (new TextDecoder().decode(bytes.subarray(0, 1024)).indexOf('%PDF-') < 0)
    throw new PageUnreadableError('This address does not serve a PDF file.');
  return bytes;
}

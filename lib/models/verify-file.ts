/**
 * Checks a downloaded file against what its manifest promised: exact size, SHA-256 (tensor
 * manifests), Subresource Integrity (model records). A file that fails is never cached.
 */
import type { DownloadFile } from './download-plan';

/** Subresource Integrity ("sha256-…", "sha384-…", "sha512-…"): true when any listed hash matches. */
export async function matchesIntegrity(data: ArrayBuffer, sri: string): Promise<boolean> {
  for (const token of sri.trim().split(/\s+/)) {
    const m = /^(sha256|sha384|sha512)-([A-Za-z0-9+/=]+)$/.exec(token);
    if (!m) continue;
    const digest = new Uint8Array(await crypto.subtle.digest(m[1]!.replace('sha', 'SHA-'), data));
    if (btoa(String.fromCharCode(...digest)) === m[2]) return true;
  }
  return false;
}

async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** What is wrong with `blob` as `file`, or null when it is what the manifest promised. */
export async function verifyFile(file: DownloadFile, blob: Blob): Promise<string | null> {
  if (blob.size !== file.size) return `has ${blob.size} bytes, expected ${file.size}`;
  if (file.sha256 && (await sha256Hex(blob)) !== file.sha256.toLowerCase()) return 'failed its SHA-256 check';
  if (file.integrity && !(await matchesIntegrity(await blob.arrayBuffer(), file.integrity)))
    return 'failed its integrity check';
  return null;
}

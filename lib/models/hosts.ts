/**
 * Where model weights, configs and model libraries may come from: the downloader refuses any
 * other host, before fetching and after every redirect (see isModelUrl). The CSP cannot do this
 * job any more (providers may be anywhere the user names), so this list is the one that counts.
 */
export const MODEL_HOSTS = [
  'https://huggingface.co',
  'https://*.huggingface.co',
  'https://*.hf.co',
  'https://raw.githubusercontent.com',
] as const;

/**
 * The manifest's CSP `connect-src`. A fixed list cannot hold servers the user names at run time
 * (Ollama on the LAN, a team's vLLM, any cloud), so the CSP allows http and https generally and
 * the engine host's policy decides what is fetched: providers only where the user added them and
 * granted their origin (lib/providers/provider-policy.ts), models only from MODEL_HOSTS and this
 * machine (isModelUrl, checked by the downloader).
 */
export const CONNECT_SOURCES: readonly string[] = ["'self'", 'http:', 'https:'];

/** A model server on this machine: 127.0.0.1 or localhost, any port. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === '127.0.0.1' || hostname === 'localhost';
}

/**
 * Whether `url` is on a model host (https, MODEL_HOSTS with their wildcards) or this machine:
 * where a model's files, and any redirect while fetching them, may lead.
 */
export function isModelUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if ((u.protocol === 'http:' || u.protocol === 'https:') && isLoopbackHost(u.hostname)) return true;
  if (u.protocol !== 'https:' || u.port) return false;
  return MODEL_HOSTS.some((pattern) => {
    const host = pattern.slice('https://'.length);
    return host.startsWith('*.') ? u.hostname.endsWith(host.slice(1)) : u.hostname === host;
  });
}

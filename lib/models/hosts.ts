/**
 * The only hosts the extension may talk to: where model weights, configs and model
 * libraries come from. The manifest's CSP `connect-src` is built from this list, so
 * adding a host here is the one place that widens network access.
 */
export const MODEL_HOSTS = [
  'https://huggingface.co',
  'https://*.huggingface.co',
  'https://*.hf.co',
  'https://raw.githubusercontent.com',
] as const;

/**
 * Loopback model servers the user runs themselves (a GGUF on their disk served by a
 * local file server, llama.cpp's server). Traffic to them never leaves the device.
 */
export const LOOPBACK_HOSTS = ['http://127.0.0.1:*', 'http://localhost:*'] as const;

/**
 * Cloud providers the user may add (OpenAI-compatible APIs). A provider elsewhere is refused
 * with a message: the extension's security policy is static, so this list is the allow-list.
 */
export const PROVIDER_HOSTS = [
  'https://api.openai.com',
  'https://openrouter.ai',
  'https://api.groq.com',
  'https://api.together.xyz',
  'https://api.mistral.ai',
  'https://api.deepseek.com',
  'https://api.fireworks.ai',
] as const;

export const CONNECT_SOURCES: readonly string[] = [
  "'self'",
  ...MODEL_HOSTS,
  ...PROVIDER_HOSTS,
  ...LOOPBACK_HOSTS,
];

/** A model server on this machine: 127.0.0.1 or localhost, any port. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === '127.0.0.1' || hostname === 'localhost';
}

/** Whether a provider URL is one the extension may reach: this machine, or a listed cloud provider. */
export function isAllowedProvider(url: string): boolean {
  try {
    const u = new URL(url);
    if (u.protocol === 'http:' && isLoopbackHost(u.hostname)) return true;
    return u.protocol === 'https:' && (PROVIDER_HOSTS as readonly string[]).includes(u.origin);
  } catch {
    return false;
  }
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

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

export const CONNECT_SOURCES: readonly string[] = ["'self'", ...MODEL_HOSTS, ...LOOPBACK_HOSTS];

/**
 * Which provider endpoints the engine host may fetch. The CSP lets extension pages reach any
 * http(s) host (providers can be anywhere the user names), so this policy is what stands between
 * a request and the network: a provider is used only when the user added it in Settings (storage
 * that content scripts cannot read or write) AND its origin holds the browser's host permission
 * right now (granted from the user's click, revocable in Settings or in the browser's own UI).
 */
import { BadRequestError, EngineUnavailableError, ForbiddenError } from '../protocol';
import type { ProviderEndpoint } from '../engine/remote-engine';

/** What the service worker knows about a provider URL; only it can read both. */
export interface ProviderFacts {
  /** The provider the user added at exactly this base URL (with its key), or null. */
  endpoint: ProviderEndpoint | null;
  /** Whether the base URL's origin has the browser's host permission now. */
  permitted: boolean;
}

/**
 * The origin a provider's base URL lives on: http or https, no user name or password in it.
 * @throws {BadRequestError} for anything else, saying what to type instead.
 */
export function providerOrigin(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    throw new BadRequestError(
      `"${baseUrl}" is not a URL. Type the server's base URL, e.g. http://192.168.1.20:11434/v1.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new BadRequestError(`A provider's URL must start with http:// or https://, not ${url.protocol}`);
  if (url.username || url.password)
    throw new BadRequestError(
      'Put the API key in its own field, not in the URL: a URL with a user name or password is refused.',
    );
  return url.origin;
}

/** The host permission pattern for an origin, as `permissions.request` and `contains` take it. */
export function originPattern(origin: string): string {
  return `${origin}/*`;
}

/**
 * The endpoint to fetch for a chat with the provider at `baseUrl`.
 * @throws {EngineUnavailableError} the user has not added it (or removed it).
 * @throws {ForbiddenError} it was added, but the permission for its origin was revoked.
 */
export function usableEndpoint(baseUrl: string, facts: ProviderFacts): ProviderEndpoint {
  if (!facts.endpoint)
    throw new EngineUnavailableError(
      'That provider is not set up (it may have been removed). Add it again in Settings → Providers, or pick a model on this device.',
    );
  if (!facts.permitted)
    throw new ForbiddenError(
      `Permission to reach ${providerOrigin(baseUrl)} was revoked, so Local AI does not use that provider. Grant it again in Settings → Providers, or pick another model.`,
    );
  return facts.endpoint;
}

/**
 * Checks that a server being added may be contacted: its origin's permission must be granted
 * (the side panel asks the browser from the user's click before it tests the connection).
 * @throws {BadRequestError} the URL is not an http(s) URL without credentials.
 * @throws {ForbiddenError} the origin has no host permission.
 */
export function requirePermitted(baseUrl: string, permitted: boolean): void {
  const origin = providerOrigin(baseUrl);
  if (!permitted)
    throw new ForbiddenError(
      `Local AI may not reach ${origin} yet: add the server in Settings → Providers and allow access when the browser asks.`,
    );
}

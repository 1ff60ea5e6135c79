/**
 * Whether the router accepts a request from a caller at all, before its params are read: who may
 * call the method (methods.ts), and how many requests one page frame may have in flight.
 */
import {
  BadRequestError,
  ForbiddenError,
  RateLimitedError,
  mayCall,
  type Caller,
  type MethodName,
} from '../protocol';

/** Requests one content script (one page frame) may have in flight at once. */
export const MAX_PAGE_REQUESTS = 4;

/** Requests one site may have in flight at once, over all its tabs, frames and Ports. */
export const MAX_SITE_REQUESTS = 16;

/**
 * @param inFlight the requests this caller's Port has in flight.
 * @param siteInFlight the requests of every Port with the caller's origin (pages and content scripts).
 * @throws {BadRequestError} a content script already has MAX_PAGE_REQUESTS requests in flight.
 * @throws {RateLimitedError} the caller's site already has MAX_SITE_REQUESTS in flight.
 * @throws {ForbiddenError} `caller` may not use `method`.
 */
export function admit(caller: Caller, method: MethodName, inFlight: number, siteInFlight = 0): void {
  // One page cannot fill the queue that every tab and the panel share, nor can a site by opening more Ports.
  if (caller.kind === 'content-script' && inFlight >= MAX_PAGE_REQUESTS)
    throw new BadRequestError(
      `A page may have at most ${MAX_PAGE_REQUESTS} requests at once; wait for one to finish.`,
    );
  if ('origin' in caller && siteInFlight >= MAX_SITE_REQUESTS)
    throw new RateLimitedError(
      `A site may have at most ${MAX_SITE_REQUESTS} requests at once; wait for one to finish.`,
    );
  // Who may call comes before what the params say: a refused caller learns nothing more.
  if (!mayCall(caller.kind, method))
    throw new ForbiddenError(`${describe(caller)} may not use ${method}: only Local AI's own pages may.`);
}

/** Requests in flight from every Port of `caller`'s origin (pages and content scripts alike). */
export function siteInFlight(
  caller: Caller,
  clients: Iterable<{ caller: Caller; requests: { size: number } }>,
): number {
  if (!('origin' in caller)) return 0;
  let count = 0;
  for (const other of clients)
    if ('origin' in other.caller && other.caller.origin === caller.origin) count += other.requests.size;
  return count;
}

function describe(caller: Caller): string {
  return 'origin' in caller ? `A page (${caller.origin})` : 'This caller';
}

/**
 * Whether the router accepts a request from a caller at all, before its params are read: who may
 * call the method (methods.ts), and how many requests one page frame may have in flight.
 */
import { BadRequestError, ForbiddenError, mayCall, type Caller, type MethodName } from '../protocol';

/** Requests one content script (one page frame) may have in flight at once. */
export const MAX_PAGE_REQUESTS = 4;

/**
 * @throws {BadRequestError} a content script already has MAX_PAGE_REQUESTS requests in flight.
 * @throws {ForbiddenError} `caller` may not use `method`.
 */
export function admit(caller: Caller, method: MethodName, inFlight: number): void {
  // One page cannot fill the queue that every tab and the panel share.
  if (caller.kind === 'content-script' && inFlight >= MAX_PAGE_REQUESTS)
    throw new BadRequestError(
      `A page may have at most ${MAX_PAGE_REQUESTS} requests at once; wait for one to finish.`,
    );
  // Who may call comes before what the params say: a refused caller learns nothing more.
  if (!mayCall(caller.kind, method))
    throw new ForbiddenError(`${describe(caller)} may not use ${method}: only Local AI's own pages may.`);
}

function describe(caller: Caller): string {
  return 'origin' in caller ? `A page (${caller.origin})` : 'This caller';
}

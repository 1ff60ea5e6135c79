import { describe, expect, it } from 'vitest';
import type { Caller } from '../protocol';
import { MAX_SITE_REQUESTS, admit, siteInFlight } from './admission';

const tab = (origin: string, tabId: number): Caller => ({
  kind: 'content-script',
  tabId,
  frameId: 0,
  origin,
});
const client = (caller: Caller, size: number) => ({ caller, requests: { size } });

describe('siteInFlight', () => {
  it('adds up every Port of the same origin, and no other origin', () => {
    const a = tab('http://a.test', 1);
    const clients = [client(a, 2), client(tab('http://a.test', 2), 3), client(tab('http://b.test', 3), 4)];
    expect(siteInFlight(a, clients)).toBe(5);
    expect(siteInFlight(tab('http://b.test', 7), clients)).toBe(4);
  });

  it('is 0 for the extension’s own pages, which have no origin to share a limit with', () => {
    expect(
      siteInFlight({ kind: 'extension-page', url: 'chrome-extension://me/sidepanel.html' }, [
        client(tab('http://a.test', 1), 9),
      ]),
    ).toBe(0);
  });

  it('refuses a site at its limit however its requests are spread over Ports', () => {
    const a = tab('http://a.test', 1);
    const many = Array.from({ length: MAX_SITE_REQUESTS }, (_, i) => client(tab('http://a.test', i), 1));
    expect(() => admit(a, 'chat', 0, siteInFlight(a, many))).toThrow(/at most 16 requests/);
    expect(() => admit(a, 'chat', 0, siteInFlight(a, many.slice(1)))).not.toThrow();
  });
});

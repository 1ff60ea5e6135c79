import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { pageApiOnceItem, pageApiPendingItem, pageApiSitesItem } from '../settings/storage-items';
import { decideSite, revokeSite, setSiteProviders, siteAccess } from './site-access';

const items = { sites: pageApiSitesItem, once: pageApiOnceItem, pending: pageApiPendingItem };
const A = 'http://127.0.0.1:4001';

beforeEach(() => fakeBrowser.reset());

describe('site access for the page API', () => {
  it('puts an undecided site before the user once, however often it asks', async () => {
    await expect(siteAccess(items, A, false)).resolves.toEqual({ access: 'undecided', providers: false });
    expect(await pageApiPendingItem.getValue()).toEqual([]);
    await siteAccess(items, A, true, () => 1);
    await siteAccess(items, A, true, () => 2);
    expect(await pageApiPendingItem.getValue()).toEqual([{ origin: A, at: 1 }]);
  });

  it('allows always, this time (session storage), or never, and clears the request', async () => {
    await siteAccess(items, A, true);
    await decideSite(items, A, 'once');
    expect(await pageApiPendingItem.getValue()).toEqual([]);
    await expect(siteAccess(items, A, false)).resolves.toMatchObject({ access: 'allowed' });
    expect(await pageApiSitesItem.getValue()).toEqual({});
    await decideSite(items, A, 'never');
    await expect(siteAccess(items, A, true)).resolves.toMatchObject({ access: 'denied' });
    expect(await pageApiPendingItem.getValue()).toEqual([]);
    await decideSite(items, A, 'always');
    await expect(siteAccess(items, A, false)).resolves.toEqual({ access: 'allowed', providers: false });
  });

  it('lets providers answer for a site only when turned on, and forgets everything on revoke', async () => {
    await decideSite(items, A, 'always');
    await setSiteProviders(items, A, true);
    await expect(siteAccess(items, A, false)).resolves.toEqual({ access: 'allowed', providers: true });
    await decideSite(items, A, 'once');
    await revokeSite(items, A);
    await expect(siteAccess(items, A, false)).resolves.toEqual({ access: 'undecided', providers: false });
    await setSiteProviders(items, A, true); // no decision left: nothing to turn on
    expect(await pageApiSitesItem.getValue()).toEqual({});
  });
});

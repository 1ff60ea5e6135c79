import { describe, expect, it } from 'vitest';
import { checkedAddress } from './page-bridge';

describe("the panel checks a page's address against the browser's", () => {
  it('accepts the address when its origin is the one the browser reported for the tab', async () => {
    await expect(
      checkedAddress('https://news.example/a?b#c', async () => 'https://news.example'),
    ).resolves.toBeUndefined();
  });

  it('refuses a page that claims another site, an unknown tab, or something that is not a URL', async () => {
    const browserSaid = async () => 'https://evil.example';
    await expect(checkedAddress('https://bank.example/', browserSaid)).rejects.toThrow(/could not confirm/);
    await expect(checkedAddress('https://bank.example/', async () => null)).rejects.toThrow(
      /Reload the page/,
    );
    await expect(checkedAddress('not a url', browserSaid)).rejects.toThrow(/could not confirm/);
  });
});

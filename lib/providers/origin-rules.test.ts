import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { grantedOrigins, syncOriginRules } from './origin-rules';

describe('grantedOrigins', () => {
  it('keeps the servers granted at run time, not the content scripts’ wildcards nor this machine', () => {
    expect(
      grantedOrigins([
        'http://*/*',
        'https://*/*',
        'http://127.0.0.1/*',
        'http://localhost/*',
        'http://192.168.1.20:11434/*',
        'https://llm.team.example/*',
        'https://*.example.com/*',
        '<all_urls>',
      ]),
    ).toEqual(['http://192.168.1.20:11434', 'https://llm.team.example']);
  });
});

describe('syncOriginRules', () => {
  it('runs one sync at a time, so syncs arriving together never install a rule id twice', async () => {
    fakeBrowser.reset();
    vi.spyOn(fakeBrowser.permissions, 'getAll').mockResolvedValue({
      origins: ['http://192.168.1.20:11434/*'],
    });
    // A test double of declarativeNetRequest that refuses a duplicate id, as Chrome does.
    let rules: { id: number }[] = [];
    const declarativeNetRequest = {
      RuleActionType: { MODIFY_HEADERS: 'modifyHeaders' },
      HeaderOperation: { REMOVE: 'remove' },
      ResourceType: { XMLHTTPREQUEST: 'xmlhttprequest', OTHER: 'other' },
      getDynamicRules: async () => rules,
      updateDynamicRules: async (u: { removeRuleIds: number[]; addRules: { id: number }[] }) => {
        await new Promise((r) => setTimeout(r, 5));
        const kept = rules.filter((r) => !u.removeRuleIds.includes(r.id));
        for (const rule of u.addRules)
          if (kept.some((r) => r.id === rule.id))
            throw new Error(`Rule with id ${rule.id} does not have a unique ID.`);
        rules = [...kept, ...u.addRules];
      },
    };
    vi.stubGlobal('chrome', { declarativeNetRequest });
    await Promise.all([syncOriginRules(), syncOriginRules(), syncOriginRules()]);
    expect(rules.map((r) => r.id)).toEqual([1000, 1001]);
    vi.unstubAllGlobals();
  });
});

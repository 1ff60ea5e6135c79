import { describe, expect, it } from 'vitest';
import { CONNECT_SOURCES, isAllowedProvider, isLoopbackHost, PROVIDER_HOSTS } from './hosts';

describe('isLoopbackHost', () => {
  it('accepts only this machine', () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('localhost')).toBe(true);
    expect(isLoopbackHost('localhost.example.com')).toBe(false);
    expect(isLoopbackHost('192.168.1.2')).toBe(false);
  });
});

describe('isAllowedProvider', () => {
  it('allows the listed cloud providers over https, with any path', () => {
    expect(isAllowedProvider('https://api.openai.com/v1')).toBe(true);
    expect(isAllowedProvider('https://openrouter.ai/api/v1/chat/completions')).toBe(true);
  });

  it('allows a model server on this machine over http, on any port', () => {
    expect(isAllowedProvider('http://127.0.0.1:8080/v1')).toBe(true);
    expect(isAllowedProvider('http://localhost:11434')).toBe(true);
  });

  it('refuses unlisted hosts, downgraded schemes and look-alike origins', () => {
    expect(isAllowedProvider('https://evil.example.com/v1')).toBe(false);
    expect(isAllowedProvider('http://api.openai.com/v1')).toBe(false);
    expect(isAllowedProvider('https://api.openai.com.evil.com/v1')).toBe(false);
    expect(isAllowedProvider('https://api.openai.com:8443/v1')).toBe(false);
    expect(isAllowedProvider('ftp://localhost/model')).toBe(false);
  });

  it('refuses malformed URLs instead of throwing', () => {
    expect(isAllowedProvider('')).toBe(false);
    expect(isAllowedProvider('api.openai.com')).toBe(false);
    expect(isAllowedProvider('https://')).toBe(false);
  });

  it('allows exactly the providers the CSP lets through', () => {
    for (const host of PROVIDER_HOSTS) {
      expect(isAllowedProvider(`${host}/v1`)).toBe(true);
      expect(CONNECT_SOURCES).toContain(host);
    }
  });
});

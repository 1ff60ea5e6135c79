/**
 * A per-site request limit for the page API (a token bucket per origin): a page may burst, then
 * gets a steady rate, so one busy or hostile site cannot keep the one local engine to itself.
 */
import { RateLimitedError } from '../protocol';

export interface RateLimitOptions {
  /** Requests a site may make at once after being idle. */
  burst: number;
  /** Requests per second a site gets back. */
  perSecond: number;
  now: () => number;
}

/** Sites' buckets kept at most; an idle site's bucket is full anyway, so forgetting it is free. */
const MAX_SITES = 1000;

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly options: RateLimitOptions) {}

  /**
   * Takes one request from `site`'s allowance.
   * @throws {RateLimitedError} when the site has none left, saying when to try again.
   */
  take(site: string): void {
    const { burst, perSecond, now } = this.options;
    const t = now();
    const bucket = this.buckets.get(site) ?? { tokens: burst, at: t };
    bucket.tokens = Math.min(burst, bucket.tokens + ((t - bucket.at) / 1000) * perSecond);
    bucket.at = t;
    this.buckets.delete(site);
    if (this.buckets.size >= MAX_SITES) this.buckets.delete(this.buckets.keys().next().value!);
    this.buckets.set(site, bucket);
    if (bucket.tokens < 1) {
      const waitS = Math.ceil((1 - bucket.tokens) / perSecond);
      throw new RateLimitedError(
        `This site sent more requests than Local AI allows (${burst} at once, ${perSecond} a second); try again in ${waitS} s.`,
      );
    }
    bucket.tokens -= 1;
  }
}

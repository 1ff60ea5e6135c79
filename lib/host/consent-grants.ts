/**
 * One-time consent: when the user answers "Allow once" in extension UI, the panel asks the host
 * for a grant and sends it with that question's requests (a table question makes several). The
 * host keeps grants in memory only, bound to one site and one provider, for a few minutes: a
 * grant cannot be written by anyone but an extension page, and cannot outlive the host.
 */

/** How long a grant lasts: long enough for one question with its retries and candidates. */
export const GRANT_TTL_MS = 5 * 60_000;
/** Grants kept at once; the oldest goes first. A panel asks for one per question. */
const MAX_GRANTS = 64;

interface Grant {
  site: string;
  provider: string;
  expires: number;
}

export class ConsentGrants {
  private readonly grants = new Map<string, Grant>();

  constructor(
    private readonly now: () => number = () => Date.now(),
    private readonly newId: () => string = () => crypto.randomUUID(),
  ) {}

  /** A new grant for `site`'s content to go to `provider`. */
  issue(site: string, provider: string): string {
    this.prune();
    while (this.grants.size >= MAX_GRANTS) this.grants.delete(this.grants.keys().next().value!);
    const id = this.newId();
    this.grants.set(id, { site, provider, expires: this.now() + GRANT_TTL_MS });
    return id;
  }

  /** Whether `id` is a live grant for exactly this site and provider. */
  allows(id: string | undefined, site: string, provider: string): boolean {
    if (!id) return false;
    const grant = this.grants.get(id);
    if (!grant || grant.expires <= this.now()) return false;
    return grant.site === site && grant.provider === provider;
  }

  private prune(): void {
    const now = this.now();
    for (const [id, grant] of this.grants) if (grant.expires <= now) this.grants.delete(id);
  }
}

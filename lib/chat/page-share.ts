/**
 * Whether a chat turn may carry the page (its text or an attached selection) and how it says so
 * to the host: a local model always may, a provider off this device only with the user's consent.
 */
import type { ModelRef, PageContent } from '../protocol';
import type { PageContext } from '../page/page-context';
import { mayShare, siteOfUrl, type ConsentChoice, type ConsentStore } from '../providers/consent';

export interface ShareDecision {
  /** Whether the page and the attachment go into the prompt. */
  share: boolean;
  /** The declaration the host checks consent against (none when no page content is sent). */
  pageContent?: PageContent;
}

export interface ShareQuestion {
  /** The page the panel is on, and whether its text is included. */
  page: PageContext | null;
  includePage: boolean;
  hasAttachment: boolean;
  model: ModelRef;
  consents: ConsentStore;
  /** Asks the user in extension UI. */
  ask: (site: string, provider: string) => Promise<ConsentChoice>;
  /** A one-time grant from the host for "Send this time". */
  grantOnce: (site: string, provider: string) => Promise<string>;
}

/** The site a consent is stored under: the page's host, or its URL where it has none. */
export function siteOfPage(page: PageContext | null): string {
  return page ? siteOfUrl(page.url) : 'this page';
}

export async function decideShare(q: ShareQuestion): Promise<ShareDecision> {
  if (!(q.includePage && q.page?.text) && !q.hasAttachment) return { share: true };
  // A selection comes from the page too, even with the page itself left out.
  const site = siteOfPage(q.page);
  if (q.model.engine !== 'remote' || !q.model.url) return { share: true, pageContent: { site } };
  const provider = new URL(q.model.url).host;
  const pageContent = await mayShare(
    q.consents,
    site,
    provider,
    () => q.ask(site, provider),
    () => q.grantOnce(site, provider),
  );
  return pageContent ? { share: true, pageContent } : { share: false };
}

/**
 * The declaration for a turn that also carries other `tabs`: their sites go to the host,
 * which checks consent for each before any provider, a stand-in included, may see them. With the
 * page itself left out, the first tab's site is the one declared.
 */
export function withTabs(
  pageContent: PageContent | undefined,
  tabs: { page: { url: string } }[],
): PageContent | undefined {
  const sites = [...new Set(tabs.map((tab) => siteOfUrl(tab.page.url)))];
  if (!sites.length) return pageContent;
  const site = pageContent?.site ?? sites[0]!;
  return { ...pageContent, site, also: sites.filter((s) => s !== site) };
}

/** The consent question as view state: shown through `show`, settled by the user's `answer`. */
export class ConsentAsker {
  private pending: ((choice: ConsentChoice) => void) | null = null;

  constructor(private readonly show: (consent: { site: string; provider: string } | null) => void) {}

  answer(choice: ConsentChoice): void {
    this.pending?.(choice);
  }

  async ask(site: string, provider: string): Promise<ConsentChoice> {
    const choice = await new Promise<ConsentChoice>((resolve) => {
      this.pending = resolve;
      this.show({ site, provider });
    });
    this.pending = null;
    this.show(null);
    return choice;
  }
}

/**
 * Model output to safe HTML. Markdown is rendered by `marked` with raw HTML escaped (so HTML a
 * model writes shows as text), then DOMPurify keeps only plain formatting tags, no attributes
 * but link targets, and only http(s) and mailto links. No element, attribute or URL in model
 * output can run code. Nesting is capped before parsing (thousands of nested `>` or list levels
 * overflow marked's recursion), and anything that still fails to render shows as escaped plain
 * text: a bad answer never blanks the view, live or when the history replays it.
 */
import DOMPurify from 'dompurify';
import { Marked } from 'marked';
import { citationButtons, markCitations, stripMarkers } from './citations';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const marked = new Marked({
  gfm: true,
  breaks: true,
  renderer: {
    // Raw HTML in the markdown is shown as text, never parsed.
    html: ({ text }) => escapeHtml(text),
  },
});

const ALLOWED_TAGS = [
  'p',
  'br',
  'strong',
  'em',
  'del',
  'code',
  'pre',
  'ul',
  'ol',
  'li',
  'blockquote',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'a',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'hr',
];

let purifier: ReturnType<typeof DOMPurify> | null = null;

function purify(): ReturnType<typeof DOMPurify> {
  if (!purifier) {
    purifier = DOMPurify(window);
    // Citation markers become buttons after sanitising (./citations.ts): one left in an attribute
    // (a link's title, say) would close the attribute there, so only text may keep them.
    purifier.addHook('uponSanitizeAttribute', (_node, data) => {
      data.attrValue = stripMarkers(data.attrValue);
    });
    purifier.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName === 'A') {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer nofollow');
        showDestination(node);
      }
    });
  }
  return purifier;
}

/**
 * A link says where it goes: an answer steered by a page could dress a link carrying data away
 * as "verify here", so the destination's host is shown with the text and the full URL as title.
 */
function showDestination(link: Element): void {
  const href = link.getAttribute('href') ?? '';
  if (!/^https?:/i.test(href)) return;
  let host: string;
  try {
    host = new URL(href).host;
  } catch {
    return link.removeAttribute('href');
  }
  link.setAttribute('title', href);
  if (!(link.textContent ?? '').includes(host)) link.append(` (${host})`);
}

/** Deepest block quote and list nesting rendered; deeper markers are flattened to this depth. */
export const MAX_NESTING = 16;

/**
 * Caps block nesting line by line: at most MAX_NESTING quote markers and MAX_NESTING list
 * levels of indentation (4 columns each) at the start of a line. Text is kept, only its depth changes.
 */
export function capNesting(markdown: string): string {
  const quotes = new RegExp(`^((?:[ \\t]*>){${MAX_NESTING}})(?:[ \\t]*>)+`);
  const indent = new RegExp(`^[ \\t]{${MAX_NESTING * 2},}`);
  return markdown
    .split('\n')
    .map((line) => line.replace(quotes, '$1').replace(indent, ' '.repeat(MAX_NESTING * 2)))
    .join('\n');
}

/** Plain text, escaped, with its line breaks: what is shown when markdown cannot be rendered. */
export function plainText(text: string): string {
  return `<p>${escapeHtml(text).replace(/\n/g, '<br>')}</p>`;
}

/**
 * Model output as safe HTML; never throws. With `citations` (the passage ids the answer may
 * cite), those citations become buttons and any other is dropped (see ./citations.ts).
 */
export function renderMarkdown(markdown: string, citations?: ReadonlySet<string>): string {
  try {
    const sanitizer = purify();
    // DOMPurify returns its input untouched where it cannot work: then show plain text instead.
    if (!sanitizer.isSupported) return plainText(markdown);
    const source = citations ? markCitations(markdown, citations) : markdown;
    const html = marked.parse(capNesting(source), { async: false });
    const safe = sanitizer.sanitize(html, {
      ALLOWED_TAGS,
      ALLOWED_ATTR: ['href', 'title', 'target', 'rel'],
      ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
      ALLOW_DATA_ATTR: false,
    });
    return citations ? citationButtons(safe) : safe;
  } catch {
    return plainText(markdown);
  }
}

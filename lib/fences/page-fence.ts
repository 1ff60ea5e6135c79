/**
 * Fences for page-derived text in prompts. Page text is data; a page must not be able to end
 * its fence early, open a new one, or speak in the model's own chat-template markup. We do not
 * try to list every spelling an attacker might use. Instead the text is first brought to one
 * canonical form (Unicode NFKC folds fullwidth and compatibility look-alikes, invisible
 * characters are dropped, HTML entities for the characters that matter are decoded), and then
 * anything tag-shaped whose name reads as a fence name — ignoring case, spaces, separators,
 * attributes, a missing `>`, and Cyrillic/Greek letters that look Latin — is removed, as are
 * chat-template control strings.
 */

/** Zero-width, joiners, soft hyphen, bidi controls, BOM, variation selectors, tag characters. */
const INVISIBLE =
  // eslint-disable-next-line no-misleading-character-class -- the class lists invisible combining marks on purpose, one by one
  /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\u{E0000}-\u{E007F}]/gu;

const ENTITIES: Record<string, string> = {
  lt: '<',
  gt: '>',
  sol: '/',
  verbar: '|',
  vert: '|',
  lsqb: '[',
  rsqb: ']',
};

/** Brackets that read as `<` / `>` once NFKC has folded the fullwidth ones. */
const OPEN = '[<‹〈⟨❮❬⧼﹤]';
const CLOSE = '[>›〉⟩❯❭⧽﹥]';
const SLASH = '[/\\\\⁄∕⧸]';
const SEP = '[\\s\\-_‐‑‒–—―.·:]*';

/** Latin letters and the Cyrillic/Greek letters drawn the same. */
const LOOKS_LIKE: Record<string, string> = {
  a: 'aаα',
  b: 'bЬвβ',
  c: 'cсϲ',
  e: 'eеёε',
  g: 'gɡ',
  i: 'iіıι',
  l: 'lӏ1',
  o: 'oоο0',
  p: 'pрρ',
  s: 'sѕ',
  t: 'tтτ',
  x: 'xхχ',
  y: 'yуγ',
};

function namePattern(name: string): string {
  return [...name.replace(/[-_]/g, '')].map((ch) => `[${LOOKS_LIKE[ch] ?? ch}]`).join(SEP);
}

/** A fence tag of `name`, opening or closing, in any spelling, with attributes or unterminated. */
function fenceTag(name: string): RegExp {
  return new RegExp(
    `${OPEN}\\s*(?:${SLASH}\\s*)?${namePattern(name)}(?:[^<>\\n]{0,200}${CLOSE}|[^<>\\n]{0,200}$|)`,
    'giu',
  );
}

const FENCE_NAMES = ['page-text', 'page-tables', 'page-info'];
const FENCE_TAGS = FENCE_NAMES.map(fenceTag);

/** Chat-template control strings of the model families we run (ChatML, Llama 2/3, Gemma, Phi, Mistral…). */
const CONTROL = [
  /<\|[^|<>\n]{1,40}\|>/g, // <|im_start|>, <|eot_id|>, <|start_header_id|>, <|endoftext|>, <|user|>…
  /\[\s*\/?\s*(?:INST|SYS|AVAILABLE_TOOLS|TOOL_RESULTS?|SYSTEM_PROMPT)\s*\]/gi,
  /<<\s*\/?\s*SYS\s*>>/gi,
  /<\s*\/?\s*s\s*>/gi,
  /<\s*\/?\s*(?:start|end)_of_turn\s*>/gi,
  /<\s*\/?\s*(?:bos|eos|pad|unk|sep|cls|mask)\s*>/gi,
];

/** Page text in canonical form: NFKC, no invisible characters, entities for markup decoded. */
export function canonical(text: string): string {
  return text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(
      /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(lt|gt|sol|verbar|vert|lsqb|rsqb));?/gi,
      (whole, dec?: string, hex?: string, name?: string) => {
        const code = dec ? Number(dec) : hex ? parseInt(hex, 16) : null;
        const ch =
          code !== null && code <= 0x10ffff
            ? String.fromCodePoint(code)
            : ENTITIES[name?.toLowerCase() ?? ''];
        // Only markup characters are decoded; any other entity stays as the page wrote it.
        return ch && /^[<>/|[\]]$/.test(ch.normalize('NFKC')) ? ch.normalize('NFKC') : whole;
      },
    )
    .replace(INVISIBLE, '');
}

/** Page-derived text with no fence tags and no chat-template control strings. */
export function neutralise(text: string): string {
  let out = canonical(text);
  for (const tag of FENCE_TAGS) out = out.replace(tag, '[tag removed]');
  for (const control of CONTROL) out = out.replace(control, '[control removed]');
  return out;
}

/** A page-derived name or label on one line, neutralised and at most `max` characters. */
export function oneLine(text: string, max: number): string {
  const line = neutralise(text).replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** `body` inside a fence named `name`, which nothing in `body` can close. */
export function fence(name: (typeof FENCE_NAMES)[number], body: string): string {
  return `<${name}>\n${neutralise(body)}\n</${name}>`;
}

/**
 * House rule: a view (components/*.tsx) shows no hard-coded words; every word comes from t() and
 * public/_locales, so German and Arabic users see none of them in English. Flagged: JSX text with
 * letters, user-facing attributes (title, aria-label, placeholder, alt, label) given a literal with
 * letters, and any string literal that reads like a phrase (two words). Allowed: names that are
 * the same in every language (below).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** Product and format names, written the same in every language. */
const ALLOWED = new Set([
  'SQL',
  'Ollama',
  'llama.cpp',
  'WebLLM (WebGPU)',
  'llama.cpp (GGUF, CPU)',
  // The synthetic engine's option exists in test builds only (never in the extension users
  // install), so its label stays out of the locale files and out of the production bundle.
  'Synthetic (diagnostics)',
  // Placeholders that show the shape of a model id or URL, not words.
  'Llama-3.2-1B-Instruct-q4f32_1-MLC',
  'https://huggingface.co/…/model.gguf',
  'https://…/model-webgpu.wasm',
]);

const USER_ATTRIBUTES = new Set(['title', 'aria-label', 'placeholder', 'alt', 'label']);
const hasWords = (s: string) => /[A-Za-z]{2,}/.test(s) && !ALLOWED.has(s.trim());
// Two words in a row: a phrase, not an id, class name list aside (attributes other than the above).
const isPhrase = (s: string) => /[A-Za-z]{2,}[,.:;!?…]? +[A-Za-z]{2,}/.test(s) && !ALLOWED.has(s.trim());

/** A value rendered as it is: a JSX child `{…}`, through `a ? b : c`, `a && b` or parentheses only. */
function shownAsIs(node: ts.Node): boolean {
  for (let at = node.parent; at; at = at.parent) {
    if (ts.isJsxExpression(at)) return !ts.isJsxAttribute(at.parent);
    if (ts.isConditionalExpression(at) && at.condition !== node) {
      node = at;
      continue;
    }
    if (ts.isBinaryExpression(at) && at.right === node) {
      node = at;
      continue;
    }
    if (!ts.isParenthesizedExpression(at)) return false;
    node = at;
  }
  return false;
}

/** Hard-coded words in one view's source (parsed as TSX), each with the text that gives it away. */
export function hardCodedWords(source: string): string[] {
  const file = ts.createSourceFile('view.tsx', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) return;
    if (ts.isJsxText(node)) {
      const tag = ts.isJsxElement(node.parent) ? node.parent.openingElement.tagName.getText() : '';
      if (tag !== 'code' && hasWords(node.text)) found.push(node.text.trim());
    } else if (ts.isJsxAttribute(node)) {
      const name = node.name.getText();
      const value = node.initializer;
      if (value && ts.isStringLiteral(value)) {
        if (USER_ATTRIBUTES.has(name) && hasWords(value.text)) found.push(`${name}="${value.text}"`);
        return;
      }
    } else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (isPhrase(node.text) || (shownAsIs(node) && hasWords(node.text))) found.push(node.getText());
    } else if (ts.isTemplateExpression(node)) {
      const parts = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)];
      if (parts.some(isPhrase) || (shownAsIs(node) && parts.some(hasWords))) found.push(node.getText());
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('views', () => {
  it('find hard-coded words where they are (the check itself)', () => {
    const view = `export const V = () => (
      <p title="Help here" aria-label={t('x')}>
        Hello there {n} rows<button aria-label="Close">×</button>
        {busy ? 'Please wait' : t('ready')} <summary>SQL</summary>
      </p>);`;
    expect(hardCodedWords(view).sort()).toEqual(
      ["'Please wait'", 'Hello there', 'aria-label="Close"', 'rows', 'title="Help here"'].sort(),
    );
    expect(hardCodedWords(`<p>{done && 'Done'}{ok ? t('ok') : \`Failed \${n}\`}</p>`)).toEqual([
      "'Done'",
      '`Failed ${n}`',
    ]);
    expect(hardCodedWords(`<p class="page-chip off">{t('a', 'en')}</p>`)).toEqual([]);
  });

  const dir = join(__dirname, '..', 'components');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.tsx') && !f.includes('.test.'))) {
    it(`${file} takes every word from t()`, () => {
      expect(
        hardCodedWords(readFileSync(join(dir, file), 'utf8')),
        'Add a key to public/_locales/*/messages.json',
      ).toEqual([]);
    });
  }
});

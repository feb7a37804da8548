/**
 * The page shell every HTML report shares: one self-contained document with the stylesheet
 * and the script inline, a Content-Security-Policy that forbids every fetch (no network, no
 * external file: the page is the whole report), a dark header with the title and summary
 * pills, and the explanation panel the heat maps write into.
 *
 * Guarantees: the output depends only on the parts given (no clock, no random ids); title,
 * subtitle and pills are escaped here, `body` is expected to be built from escaped pieces.
 */
import { text } from './escape.js';
import { PAGE_SCRIPT } from './page-script.js';
import { PAGE_STYLE } from './page-style.js';

export interface Pill {
  readonly text: string;
  readonly tone?: 'ok' | 'bad';
}

export interface PageParts {
  readonly title: string;
  readonly subtitle?: string;
  readonly pills: readonly Pill[];
  /** Already-escaped HTML (sections). */
  readonly body: string;
}

const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

export function htmlPage(parts: PageParts): string {
  const pills = parts.pills.map((p) => `<span class="pill${p.tone === undefined ? '' : ` ${p.tone}`}">${text(p.text)}</span>`).join('');
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="vrsim">`,
    `<title>${text(parts.title)}</title>`,
    `<style>${PAGE_STYLE}</style>`,
    '</head><body>',
    `<header class="top"><h1>${text(parts.title)}</h1>${parts.subtitle === undefined ? '' : `<div class="source">${text(parts.subtitle)}</div>`}<div class="meta">${pills}</div></header>`,
    `<main>${parts.body}</main>`,
    '<div id="explain" role="status" aria-live="polite"><button type="button" aria-label="close">✕</button><div class="text"></div></div>',
    `<script>${PAGE_SCRIPT}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}

/** A titled card section. */
export function card(id: string, title: string, inner: string): string {
  return `<section class="card" id="${id}"><h2>${text(title)}</h2>${inner}</section>`;
}

/**
 * Renders an HTML page as text the way `w3m -dump page.html | grep -v "^$"` shows it for the
 * simple pages the simulated web servers serve. Guarantees: block elements (h1-h6, p, div,
 * br, li, tr, title-less head) start new lines, inline text is whitespace-collapsed, the
 * contents of head/style/script/title are not shown, images show their alt text in
 * brackets, the five basic entities are decoded, and empty lines are removed. Centering and
 * table layout are not modelled (lines are trimmed).
 */

const BLOCK_TAGS = new Set(['br', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'div', 'li', 'ul', 'ol', 'tr', 'table', 'body', 'html', 'hr', 'center', 'pre']);
const HIDDEN_TAGS = new Set(['head', 'style', 'script', 'title']);
const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#')) return String.fromCharCode(Number(name.slice(1)));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

export function renderHtmlText(html: string): string {
  const lines: string[] = [];
  let current = '';
  let hiddenDepth = 0;
  const breakLine = (): void => {
    lines.push(current);
    current = '';
  };
  const tokenPattern = /<\s*(\/?)\s*([a-zA-Z0-9]+)([^>]*)>|<!--[\s\S]*?-->|([^<]+)/g;
  for (const token of html.matchAll(tokenPattern)) {
    const text = token[4];
    if (text !== undefined) {
      if (hiddenDepth === 0) current += decodeEntities(text).replace(/\s+/g, ' ');
      continue;
    }
    const name = (token[2] ?? '').toLowerCase();
    if (name === '') continue; // comment
    const closing = token[1] === '/';
    if (HIDDEN_TAGS.has(name)) {
      hiddenDepth = Math.max(0, hiddenDepth + (closing ? -1 : 1));
      continue;
    }
    if (hiddenDepth > 0) continue;
    if (name === 'img' && !closing) {
      const alt = /alt\s*=\s*"([^"]*)"/i.exec(token[3] ?? '');
      if (alt !== null && alt[1] !== '') current += `[${alt[1]}]`;
      continue;
    }
    if (BLOCK_TAGS.has(name)) breakLine();
  }
  breakLine();
  return lines
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => `${line}\n`)
    .join('');
}

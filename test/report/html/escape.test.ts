/**
 * Escaping in the HTML report: the helpers leave no character that could open an element or
 * leave an attribute, and a scenario whose name, source, description and notes are markup
 * produces a page where that markup is text (no script element, no handler attribute from it).
 */
import { describe, expect, it } from 'vitest';
import { attr, domId, text } from '../../../src/report/html/escape.js';
import { hostileScenario, htmlOf } from '../../support/html-report.js';

describe('html escaping', () => {
  it('text() and attr() turn every markup character into an entity', () => {
    expect(text(`<a href="x" onclick='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
    expect(attr('" onmouseover="x')).not.toMatch(/"/);
    expect(domId('Step 3', 'dev/web <x>')).toBe('step-3-dev-web-x');
  });

  it('a scenario whose texts are markup: the page shows them as text and carries only its own script', async () => {
    const r = await htmlOf('run', hostileScenario());
    expect(r.code).toBe(0);
    // The only script element is the report's own, at the end of the body.
    expect(r.html.match(/<script>/g)).toHaveLength(1);
    expect(r.html).not.toContain('window.pwned=2</script>');
    expect(r.html).not.toMatch(/<img src=x/);
    expect(r.html).not.toMatch(/<svg onload/);
    expect(r.html).toContain('&lt;img src=x onerror=&quot;window.pwned=1&quot;&gt;Lab&lt;/b&gt;');
    expect(r.html).toContain('&lt;/pre&gt;&lt;/div&gt;&lt;script&gt;window.pwned=4&lt;/script&gt;');
    expect(r.html).toContain('&amp; &quot;quotes&quot; &#39;too&#39;');
  });
});

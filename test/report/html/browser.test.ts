/**
 * The HTML report in a real browser (headless Chromium): the chapter 8 report opens with no
 * console error, no page error and no request beyond the file; it shows the topology, the
 * steps, the dropped curl of dbserver-dev with its sequence diagram and the D(FwPolicy)
 * entry marked; screenshots are saved (`VRSIM_SCREENSHOT_DIR=docs/img` copies the README's). A markup-laden scenario executes none of its markup.
 * Skipped when chromium is absent, unless VRSIM_REQUIRE_TOOLS=1 (then it fails).
 */
import { copyFileSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { hasTool } from '../../support/tools.js';
import { hostileScenario, htmlDir, htmlOf } from '../../support/html-report.js';
import { launch, openReport } from '../../support/browser.js';

const present = hasTool('chromium');

describe.skipIf(!present)('the HTML report in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('book-ch8: no console errors, the topology, the steps, why dbserver-dev times out; a screenshot', async () => {
    const r = await htmlOf('run', 'scenarios/book-ch8.yaml');
    expect(r.code).toBe(0);
    const { page, consoleErrors, pageErrors, requests } = await openReport(browser, r.file);
    expect(consoleErrors).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(requests).toEqual([]);
    expect(await page.title()).toBe('Chapter 8 — Contrail network policy lab');
    // Topology: two nodes with their fabric addresses, six pods on their taps, the tunnel.
    expect(await page.locator('svg.topo g.node').count()).toBe(2);
    expect(await page.locator('svg.topo g.pod').count()).toBe(6);
    expect(await page.locator('svg.topo').textContent()).toContain('fabric 10.169.25.21');
    expect(await page.locator('svg.topo g.tunnel').count()).toBe(1);
    // Every step is there, and the summary names the dropped connection with the agent's reason.
    expect(await page.locator('.step[id^="step-"]').count()).toBe(58);
    const died = page.locator('#died li', { hasText: 'dev/dbserver-dev (10.47.255.233:' });
    expect(await died.count()).toBe(1);
    expect(await died.textContent()).toContain('isolated by dev/policy2-egress-denyall');
    // Step 51: the curl timing out, its diagram open and visible with three drops, the entry marked.
    const step = page.locator('#step-51');
    expect(await step.locator('pre.out').textContent()).toContain('curl: (28) Connection timed out after 5000 milliseconds');
    const seq = step.locator('details.conn[open] svg.seq');
    expect(await seq.isVisible()).toBe(true);
    expect(await seq.locator('path.cross').count()).toBe(3);
    expect(await seq.locator('text.dl').first().textContent()).toBe('DROP D(FwPolicy)');
    const marked = step.locator('figure.flow-table[data-node="cent333"] span.flow.marked');
    expect(await marked.count()).toBe(2);
    expect(await marked.allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Action:D(FwPolicy)')]));
    const box = await marked.first().boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(100);
    // Screenshots: the top of the page and the dropped curl.
    const top = join(htmlDir, 'book-ch8-top.png');
    await page.screenshot({ path: top });
    const drop = join(htmlDir, 'book-ch8-step-51.png');
    await step.screenshot({ path: drop });
    for (const png of [top, drop]) {
      expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
      expect(statSync(png).size).toBeGreaterThan(30_000);
    }
    // VRSIM_SCREENSHOT_DIR=docs/img refreshes the README's picture.
    const keep = process.env['VRSIM_SCREENSHOT_DIR'];
    if (keep !== undefined && keep !== '') copyFileSync(drop, join(keep, 'html-report-ch8.png'));
    console.log(`screenshots: ${top} ${drop}`);
  });

  it('book-ch3: flow-based and packet-based heat maps side by side; a click on a differing cell explains it', async () => {
    const r = await htmlOf('run', 'scenarios/book-ch3.yaml');
    expect(r.code).toBe(0);
    const { page, consoleErrors, pageErrors, requests } = await openReport(browser, r.file);
    const pair = page.locator('.heat-pair').first();
    expect(await pair.locator('figcaption').allTextContents()).toEqual([
      'flow-based (stateful: the reply rides the reverse flow)',
      'packet-based (stateless: each packet is checked on its own)',
    ]);
    const packetCell = pair.locator('figure').nth(1).locator('td.cell.differs').first();
    expect(await packetCell.textContent()).toBe('✘');
    const explain = page.locator('#explain');
    expect(await explain.isVisible()).toBe(false);
    await packetCell.click();
    expect(await explain.isVisible()).toBe(true);
    expect(await explain.textContent()).toContain('packet-based: the request is allowed but the reply is checked as a new connection');
    await page.screenshot({ path: join(htmlDir, 'book-ch3-heat.png') });
    await page.locator('#explain button').click();
    expect(await explain.isVisible()).toBe(false);
    expect([...consoleErrors, ...pageErrors, ...requests]).toEqual([]);
  });

  it('a scenario whose texts are markup runs none of it and shows it as text', async () => {
    const r = await htmlOf('run', hostileScenario());
    const { page, consoleErrors, pageErrors } = await openReport(browser, r.file);
    expect(await page.evaluate(() => (globalThis as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator('img, main script').count()).toBe(0);
    expect(await page.locator('header h1').textContent()).toBe('<img src=x onerror="window.pwned=1">Lab</b>');
    expect(await page.locator('.step.note .comment').textContent()).toContain('<script>window.pwned=4</script>');
    expect([...consoleErrors, ...pageErrors]).toEqual([]);
  });
});

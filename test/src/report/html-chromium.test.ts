/**
 * Renders the HTML report in Debian's headless Chromium with playwright-core, takes a screenshot
 * and checks the coverage matrix is visible. Skips with a printed reason when /usr/bin/chromium is
 * missing (`.ci/run` installs it in CI).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { chromium, Browser } from 'playwright-core';
import { renderHtml } from '../../../src/report/html-reporter';
import { fixtureReport } from '../../helpers/report';

/** Debian's Chromium; `HARDLINE_CHROMIUM` overrides the path. */
const CHROMIUM = process.env.HARDLINE_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

if (!fs.existsSync(CHROMIUM)) {
  describe('HTML report in headless Chromium', () => {
    // eslint-disable-next-line no-console
    console.warn(`skipping the Chromium rendering test: ${CHROMIUM} is missing (apt-get install -y chromium)`);
    test.skip('needs /usr/bin/chromium', () => undefined);
  });
} else {
  describe('HTML report in headless Chromium', () => {
    let browser: Browser | undefined;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hardline-html-'));
    const report = fixtureReport({ asOf: '2027-06-10' });

    beforeAll(async () => {
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 30_000 });
    }, 45_000);
    afterAll(async () => {
      await browser?.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }, 30_000);

    test('renders without any network request, shows the coverage matrix and the flagged exception', async () => {
      const file = path.join(dir, 'report.html');
      fs.writeFileSync(file, renderHtml(report));
      const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
      page.setDefaultTimeout(15_000);
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(`file://${file}`, { waitUntil: 'load', timeout: 15_000 });

      const matrix = page.locator('#coverage-matrix');
      expect(await matrix.isVisible()).toBe(true);
      const box = await matrix.boundingBox();
      expect(box && box.width > 100 && box.height > 50).toBe(true);
      expect(await page.locator('#coverage-matrix tbody tr').count()).toBe(report.controls.length);
      const firstRow = page.locator('#coverage-matrix tbody tr').first();
      expect(await firstRow.locator('th').innerText()).toContain(report.controls[0].id);
      // A string expression: the test tsconfig has no DOM types.
      const colour = await page.evaluate('getComputedStyle(document.querySelector("#coverage-matrix td.hit.implemented")).backgroundColor');
      expect(colour).toBe('rgb(45, 164, 78)');
      expect(await page.locator('#disclaimer').isVisible()).toBe(true);
      expect(await page.locator('#exceptions td.soon').innerText()).toBe('20 (expires within 30 days)');
      expect(requests).toEqual([`file://${file}`]);

      const shot = path.join(os.tmpdir(), 'hardline-report-matrix.png');
      await page.screenshot({ path: shot, fullPage: false, timeout: 15_000 });
      expect(fs.statSync(shot).size).toBeGreaterThan(10_000);
      await page.close();
    }, 60_000);

    test.each([
      // Printable width in CSS px of a landscape page with 10 mm margins (96 px per inch).
      ['A4', 1123 - 2 * 38, 794],
      ['Letter', 1056 - 2 * 38, 816],
    ])('prints on %s landscape with the whole coverage matrix on the page width', async (_paper, width, height) => {
      const file = path.join(dir, 'print.html');
      fs.writeFileSync(file, renderHtml(report));
      const page = await browser!.newPage({ viewport: { width, height } });
      await page.emulateMedia({ media: 'print' });
      await page.goto(`file://${file}`, { waitUntil: 'load', timeout: 15_000 });
      const box = await page.locator('#coverage-matrix').boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= width).toBe(true);
      expect(await page.evaluate('document.querySelector(".scroll").scrollWidth <= document.querySelector(".scroll").clientWidth')).toBe(true);
      const pdf = await page.pdf({ format: _paper as 'A4' | 'Letter', landscape: true, printBackground: true });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      await page.close();
    }, 60_000);
  });
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import type { AddressInfo } from 'net';
import { figureHtmlSnippet, figureDivId, showFigure } from '../../lib/plot/display';
import { findChromium, plotlyBundlePath, CHROMIUM_ARGS } from '../../lib/plot/export';
import { rewardBudgetFigure } from '../../lib/plot/figures';

const fig = rewardBudgetFigure({ title: 'Snippet test', x: [1, 2, 3], curves: { uniform: [0.5, 0.6, 0.65], online: [0.55, 0.66, 0.7] } });
const REQUIRE_JS = '/usr/share/javascript/requirejs/require.js';

test('figureHtmlSnippet: a div and a loader with the relative plotly path; stable div ids', () => {
  const id = figureDivId(fig, 0);
  assert.equal(id, figureDivId(fig, 0));
  assert.notEqual(id, figureDivId(fig, 1));
  const html = figureHtmlSnippet(fig, id, { plotlyPath: '../figures/plotly.min.js' });
  assert.match(html, new RegExp(`<div id="${id}"`));
  assert.match(html, /"\.\.\/figures\/plotly\.min\.js"/);
  assert.match(html, /window\.require\(\['adaptive_plotly'\]/);
  assert.throws(() => figureHtmlSnippet(fig, 'bad id"'), /divId/);
});

test('showFigure: outside a kernel it only prints a message', async () => {
  const logs: string[] = [];
  const orig = console.log;
  console.log = (...a: unknown[]) => void logs.push(a.join(' '));
  try {
    await showFigure(fig, { static: false });
  } finally {
    console.log = orig;
  }
  assert.ok(logs.some((l) => /not running inside a tslab kernel|tslab is not available/.test(l)), logs.join('\n'));
});

/**
 * A stand-in for the Jupyter server: /files/<path> serves the project-like root, and
 * /notebooks/<path> a page shaped like a classic Notebook 6 page (require.js loaded, body
 * data attributes) or, with ?plain, a page without require.js.
 */
function serve(root: string, snippet: string): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname.startsWith('/files/')) {
      const file = path.join(root, decodeURIComponent(url.pathname.slice('/files/'.length)));
      if (!file.startsWith(root) || !fs.existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/javascript' }).end(fs.readFileSync(file));
      return;
    }
    if (url.pathname === '/static/require.js') {
      res.writeHead(200, { 'content-type': 'application/javascript' }).end(fs.readFileSync(REQUIRE_JS));
      return;
    }
    const nbPath = decodeURIComponent(url.pathname.replace(/^\/notebooks\//, ''));
    const amd = !url.searchParams.has('plain') ? '<script src="/static/require.js"></script>' : '';
    const attrs = !url.searchParams.has('plain') ? ` data-base-url="/" data-notebook-path="${nbPath}"` : '';
    res.writeHead(200, { 'content-type': 'text/html' }).end(`<!DOCTYPE html><html><head>${amd}</head><body${attrs}>${snippet}</body></html>`);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

test('figureHtmlSnippet: renders in a classic-notebook-like page with require.js, and in a plain page', async () => {
  const exe = findChromium();
  if (!exe) {
    console.log('no Chromium: the in-browser rendering check needs one; only the snippet text was checked');
    return;
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'snippet-'));
  fs.mkdirSync(path.join(root, 'figures'));
  fs.mkdirSync(path.join(root, 'notebooks'));
  fs.copyFileSync(plotlyBundlePath(), path.join(root, 'figures', 'plotly.min.js'));
  const id = figureDivId(fig, 0);
  const server = await serve(root, figureHtmlSnippet(fig, id, { plotlyPath: '../figures/plotly.min.js' }));
  const port = (server.address() as AddressInfo).port;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { chromium } = require('playwright-core') as typeof import('playwright-core');
  const browser = await chromium.launch({ executablePath: exe, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const pages = [`/notebooks/notebooks/tour.ipynb?plain`];
    if (fs.existsSync(REQUIRE_JS)) pages.unshift(`/notebooks/notebooks/tour.ipynb`);
    for (const p of pages) {
      await page.goto(`http://127.0.0.1:${port}${p}`);
      await page.waitForSelector(`#${id} svg.main-svg`, { timeout: 20000 });
      const title = await page.textContent(`#${id} .gtitle`);
      assert.match(title ?? '', /Snippet test/);
    }
  } finally {
    await browser.close();
    await new Promise((r) => server.close(r));
  }
});

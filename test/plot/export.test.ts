import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { saveFigure, closeExporter, findChromium, figureHtml, ensurePlotlyCopy, plotlyBundlePath, stabilizeSvg } from '../../lib/plot/export';
import { rewardBudgetFigure } from '../../lib/plot/figures';

const fig = rewardBudgetFigure({
  title: 'Export test </script>',
  x: [1, 2, 3],
  curves: { uniform: [0.5, 0.6, 0.65], online: [0.55, 0.66, 0.7] },
  bands: { online: { lo: [0.5, 0.6, 0.65], hi: [0.6, 0.7, 0.75] } },
});

test('figureHtml: deterministic, script-safe, relative plotly source', () => {
  const a = figureHtml(fig, '../plotly.min.js');
  assert.equal(a, figureHtml(fig, '../plotly.min.js'));
  assert.match(a, /<script src="\.\.\/plotly\.min\.js"><\/script>/);
  assert.ok(!a.includes('Export test </script>'), 'a title cannot close the script');
  assert.equal(stabilizeSvg('<defs id="defs-ab12cd"><clipPath id="clipab12cdxy">'), '<defs id="defs-fig0"><clipPath id="clipfig0xy">');
});

test('ensurePlotlyCopy: copies once, replaces a different file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plotly-copy-'));
  const dest = ensurePlotlyCopy(dir);
  assert.ok(fs.readFileSync(dest).equals(fs.readFileSync(plotlyBundlePath())));
  fs.writeFileSync(dest, 'stale');
  ensurePlotlyCopy(dir);
  assert.equal(fs.statSync(dest).size, fs.statSync(plotlyBundlePath()).size);
});

test('saveFigure: html (+ png + svg with Chromium) under a subfolder, one plotly copy, identical on re-run', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'figures-'));
  try {
    const first = await saveFigure(fig, 'ds/curves', { dir });
    assert.equal(first.html, path.join(dir, 'ds', 'curves.html'));
    const html = fs.readFileSync(first.html as string, 'utf8');
    assert.match(html, /<script src="\.\.\/plotly\.min\.js">/);
    assert.ok(fs.existsSync(path.join(dir, 'plotly.min.js')));
    assert.ok(!fs.existsSync(path.join(dir, 'ds', 'plotly.min.js')));
    if (findChromium()) {
      const png = fs.readFileSync(path.join(dir, 'ds', 'curves.png'));
      assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47]); // "PNG"
      assert.equal(png.readUInt32BE(16), 900); // IHDR width
      assert.equal(png.readUInt32BE(20), 500); // IHDR height
      const svg = fs.readFileSync(path.join(dir, 'ds', 'curves.svg'), 'utf8');
      assert.match(svg, /^<svg/);
      assert.match(svg, /Export test/);
      const second = await saveFigure(fig, 'ds/curves', { dir });
      assert.ok(png.equals(fs.readFileSync(second.png as string)));
      assert.equal(svg, fs.readFileSync(second.svg as string, 'utf8'));
      assert.ok(second.pngBytes && second.pngBytes.length === png.length);
    } else {
      assert.equal(first.png, undefined);
    }
    assert.equal(html, fs.readFileSync(path.join(dir, 'ds', 'curves.html'), 'utf8'));
    await assert.rejects(saveFigure(fig, '../escape', { dir }), /no '\.\.'/);
  } finally {
    await closeExporter();
  }
});

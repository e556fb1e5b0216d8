import * as fs from 'fs';
import * as path from 'path';
import { figuresDir, writeFileAtomic } from '../util/fs';
import { FIGURE_HEIGHT, FIGURE_WIDTH, type PlotlyFigure } from './figures';

/**
 * Save a figure as `<figures>/<name>.html` (interactive, loading plotly.js from the one copy kept
 * at `<figures>/plotly.min.js` through a relative path, so the folder opens offline) and, when a
 * Chromium is found, as `<name>.png` and `<name>.svg` rendered by plotly's own `toImage` in
 * headless Chromium driven by playwright-core.
 *
 * One browser serves every export of the process: it is launched on first use and closed by
 * `closeExporter()` or, failing that, after a few idle seconds ({@link exporterIdleMs}), so
 * scripts and notebook runs end cleanly. Outputs are deterministic: fixed size, no timestamps,
 * plotly's random ids in the SVG replaced by a fixed one.
 *
 * @example
 * await saveFigure(fig, 'gsm8k-mistral/curves'); // figures/gsm8k-mistral/curves.{html,png,svg}
 * await closeExporter();
 */

export type FigureFormat = 'html' | 'png' | 'svg';

export interface SaveFigureOptions {
  /** Base folder (default figuresDir()). */
  dir?: string;
  /** Formats to write (default html, png, svg; png/svg only with a Chromium). */
  formats?: FigureFormat[];
  width?: number;
  height?: number;
  /** PNG scale factor (default 1). */
  scale?: number;
}

export interface SavedFigure {
  html?: string;
  png?: string;
  svg?: string;
  /** The PNG bytes, e.g. for showFigure's static image. */
  pngBytes?: Uint8Array;
}

/** Path of the plotly.js bundle shipped in node_modules. */
export function plotlyBundlePath(): string {
  try {
    return require.resolve('plotly.js-dist-min/plotly.min.js');
  } catch {
    throw new Error('plotly.js-dist-min is not installed: run `npm ci` in the project folder');
  }
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Make sure `<root>/plotly.min.js` is a copy of the installed bundle (copied when absent or
 * different). Returns its path.
 */
export function ensurePlotlyCopy(root: string = figuresDir()): string {
  const src = plotlyBundlePath();
  const dest = path.join(root, 'plotly.min.js');
  const want = fs.readFileSync(src);
  if (fs.existsSync(dest)) {
    const have = fs.statSync(dest);
    if (have.size === want.length && fs.readFileSync(dest).equals(want)) return dest;
  }
  writeFileAtomic(dest, want);
  return dest;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** JSON safe inside a <script>: `<` escaped so no `</script>` can close it. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function plainTitle(fig: PlotlyFigure): string {
  return fig.layout.title.text.replace(/<br>.*$/s, '').replace(/<[^>]+>/g, '');
}

/** A standalone, deterministic HTML page for the figure, loading plotly from `plotlySrc`. */
export function figureHtml(fig: PlotlyFigure, plotlySrc: string, divId = 'figure'): string {
  const width = Number(fig.layout.width ?? FIGURE_WIDTH);
  const height = Number(fig.layout.height ?? FIGURE_HEIGHT);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(plainTitle(fig))}</title>`,
    `<script src="${escapeHtml(plotlySrc)}"></script>`,
    '</head>',
    '<body>',
    `<div id="${escapeHtml(divId)}" style="width:${width}px;height:${height}px"></div>`,
    '<script>',
    `var fig = ${scriptJson(fig)};`,
    `Plotly.newPlot(${scriptJson(divId)}, fig.data, fig.layout, Object.assign({ displaylogo: false }, fig.config || {}));`,
    '</script>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** A Chromium to render static images: CHROMIUM_PATH, else the usual install paths; null if none. */
export function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  for (const c of candidates) {
    if (c && fs.existsSync(c)) return c;
  }
  return null;
}

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface ImageOptions {
  width: number;
  height: number;
  scale: number;
}

/** Renders figures to PNG/SVG in one headless browser page. */
export interface Exporter {
  png(fig: PlotlyFigure, opts: ImageOptions): Promise<Uint8Array>;
  svg(fig: PlotlyFigure, opts: ImageOptions): Promise<string>;
  close(): Promise<void>;
}

interface PwPage {
  addScriptTag(o: { path: string }): Promise<unknown>;
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
}
interface PwBrowser {
  newPage(): Promise<PwPage>;
  close(): Promise<void>;
}

/** Make a figure's trace ids deterministic (plotly otherwise draws random uids). */
function withStableIds(fig: PlotlyFigure): PlotlyFigure {
  return { ...fig, data: fig.data.map((t, i) => ({ ...t, uid: typeof t.uid === 'string' ? t.uid : `trace${i}` })) };
}

/** Replace plotly's random per-plot id (seen as `defs-<id>`) by a fixed one. */
export function stabilizeSvg(svg: string): string {
  const m = /id="defs-([0-9a-z]+)"/.exec(svg);
  return m ? svg.split(m[1]).join('fig0') : svg;
}

/** Launch a headless Chromium with plotly loaded (from the local bundle, no network). */
export async function createExporter(executablePath: string): Promise<Exporter> {
  // playwright-core is loaded lazily: only static export needs it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { chromium } = require('playwright-core') as { chromium: { launch(o: { executablePath: string; args: string[] }): Promise<PwBrowser> } };
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const page = await browser.newPage();
  await page.addScriptTag({ path: plotlyBundlePath() });
  let queue: Promise<unknown> = Promise.resolve();
  const run = <T>(job: () => Promise<T>): Promise<T> => {
    const next = queue.then(job, job);
    queue = next.catch(() => undefined);
    return next;
  };
  const render = (fig: PlotlyFigure, format: 'png' | 'svg', o: ImageOptions): Promise<string> =>
    run(() =>
      page.evaluate(
        async (arg: { fig: PlotlyFigure; format: 'png' | 'svg'; o: ImageOptions }) => {
          const P = (globalThis as unknown as { Plotly: { toImage(f: unknown, o: unknown): Promise<string> } }).Plotly;
          return P.toImage(arg.fig, { format: arg.format, width: arg.o.width, height: arg.o.height, scale: arg.o.scale });
        },
        { fig: withStableIds(fig), format, o },
      ),
    );
  return {
    async png(fig, o) {
      const url = await render(fig, 'png', o);
      return new Uint8Array(Buffer.from(url.slice(url.indexOf(',') + 1), 'base64'));
    },
    async svg(fig, o) {
      const url = await render(fig, 'svg', o);
      return stabilizeSvg(decodeURIComponent(url.slice(url.indexOf(',') + 1)));
    },
    async close() {
      await queue;
      await browser.close();
    },
  };
}

// Process-wide cache of the one browser (an I/O resource, not numeric state).
let shared: Promise<Exporter> | null = null;
let warnedNoChromium = false;
let idleTimer: NodeJS.Timeout | null = null;
let pending = 0;

/**
 * How long the shared browser stays open after its last export (ms; env PLOT_EXPORTER_IDLE_MS,
 * default 3000). A browser left open when Node's event loop empties makes the process hang at
 * exit (playwright's pipes do not hold the loop, and closing it from 'beforeExit' does not
 * finish), so the exporter closes itself once idle: scripts and notebook runs end cleanly, and
 * a burst of figures still shares one browser.
 */
export function exporterIdleMs(): number {
  const v = Number(process.env.PLOT_EXPORTER_IDLE_MS);
  return Number.isFinite(v) && v >= 0 ? v : 3000;
}

/** The shared exporter (launched on first use), or null without Chromium (prints that once). */
export function getExporter(): Promise<Exporter> | null {
  if (shared) return shared;
  const exe = findChromium();
  if (!exe) {
    if (!warnedNoChromium) {
      console.log('plot: no Chromium found (set CHROMIUM_PATH, or install Debian `chromium`); skipped the static PNG/SVG export, HTML only.');
      warnedNoChromium = true;
    }
    return null;
  }
  const launching = createExporter(exe);
  shared = launching;
  launching.catch(() => {
    if (shared === launching) shared = null;
  });
  return launching;
}

/** Close the shared browser, if one was launched. Safe to call any time. */
export async function closeExporter(): Promise<void> {
  if (idleTimer) {
    clearTimeout(idleTimer);
    idleTimer = null;
  }
  const s = shared;
  shared = null;
  if (!s) return;
  try {
    await (await s).close();
  } catch {
    // a failed launch has nothing to close
  }
}

function beginUse(): void {
  pending++;
  if (idleTimer) {
    clearTimeout(idleTimer);
    idleTimer = null;
  }
}

function endUse(): void {
  pending--;
  if (pending > 0 || !shared) return;
  idleTimer = setTimeout(() => {
    idleTimer = null;
    if (pending === 0) void closeExporter();
  }, exporterIdleMs());
}

/**
 * Render a PNG with the shared exporter (null without Chromium). Like saveFigure, it keeps the
 * browser for the next figure and lets it close once idle.
 */
export async function renderPng(fig: PlotlyFigure, opts: Partial<ImageOptions> = {}): Promise<Uint8Array | null> {
  const exporter = getExporter();
  if (!exporter) return null;
  beginUse();
  try {
    const ex = await exporter;
    return await ex.png(fig, {
      width: opts.width ?? Number(fig.layout.width ?? FIGURE_WIDTH),
      height: opts.height ?? Number(fig.layout.height ?? FIGURE_HEIGHT),
      scale: opts.scale ?? 1,
    });
  } finally {
    endUse();
  }
}

function checkName(name: string): void {
  if (!name || name.split(/[\\/]/).some((p) => p === '..' || p === '') || path.isAbsolute(name)) {
    throw new Error(`saveFigure: name '${name}' must be a relative path like 'dataset/curves' (no '..')`);
  }
}

/** Write the figure's HTML (always) and PNG/SVG (with Chromium). See the module comment. */
export async function saveFigure(fig: PlotlyFigure, name: string, opts: SaveFigureOptions = {}): Promise<SavedFigure> {
  checkName(name);
  const base = path.resolve(opts.dir ?? figuresDir());
  const formats = opts.formats ?? ['html', 'png', 'svg'];
  const file = path.join(base, name);
  const out: SavedFigure = {};
  if (formats.includes('html')) {
    const root = isInside(base, figuresDir()) ? figuresDir() : base;
    const copy = ensurePlotlyCopy(root);
    const src = path.relative(path.dirname(file), copy).split(path.sep).join('/');
    const html = figureHtml(fig, src, 'figure');
    writeFileAtomic(`${file}.html`, html);
    out.html = `${file}.html`;
  }
  const wantPng = formats.includes('png');
  const wantSvg = formats.includes('svg');
  if (wantPng || wantSvg) {
    const exporter = getExporter();
    if (exporter) {
      beginUse();
      try {
        const ex = await exporter;
        const o: ImageOptions = {
          width: opts.width ?? Number(fig.layout.width ?? FIGURE_WIDTH),
          height: opts.height ?? Number(fig.layout.height ?? FIGURE_HEIGHT),
          scale: opts.scale ?? 1,
        };
        if (wantPng) {
          const png = await ex.png(fig, o);
          writeFileAtomic(`${file}.png`, png);
          out.png = `${file}.png`;
          out.pngBytes = png;
        }
        if (wantSvg) {
          writeFileAtomic(`${file}.svg`, await ex.svg(fig, o));
          out.svg = `${file}.svg`;
        }
      } finally {
        endUse();
      }
    }
  }
  return out;
}

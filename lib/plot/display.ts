import * as path from 'path';
import { createHash } from 'crypto';
import { figuresDir } from '../util/fs';
import { ensurePlotlyCopy, renderPng, scriptJson } from './export';
import { FIGURE_HEIGHT, FIGURE_WIDTH, type PlotlyFigure } from './figures';

/**
 * Show a figure inside a tslab notebook: an interactive plotly figure (text/html: zoom and
 * hover work in the page) and a static PNG (image/png), so a saved notebook still shows the
 * figure to viewers that run no scripts (GitHub, nbviewer without JS, nbconvert to HTML).
 *
 * plotly.js is not inlined (4.8 MB per notebook): the snippet loads the project's one copy,
 * `figures/plotly.min.js`, through the Jupyter server's `/files/` route. The kernel passes the
 * path of that copy relative to the notebook's folder (the kernel's working directory); the
 * page turns it into a URL from its own notebook path (classic Notebook 6 `data-notebook-path`,
 * or the `/notebooks/`, `/lab/tree/`, `/doc/tree/` part of the address). This needs the server's
 * root to contain both `notebooks/` and `figures/` (start it at the project root).
 * Classic Notebook pages load require.js: the snippet loads the bundle through require() there
 * (plotly.js 2 registers as an anonymous AMD module; plotly.js 3's bundle ignores AMD and sets
 * window.Plotly, so both are accepted), and by a script tag (with `define` hidden while it
 * loads) elsewhere.
 *
 * @example
 * const saved = await saveFigure(fig, 'gsm8k/curves');
 * await showFigure(fig, { png: saved.pngBytes });
 */

export interface SnippetOptions {
  /** Path of plotly.min.js relative to the notebook's folder (default '../figures/plotly.min.js'). */
  plotlyPath?: string;
  /** An absolute URL for plotly.min.js instead (overrides plotlyPath). */
  plotlyUrl?: string;
}

/** The HTML (a div and a loader script) that draws `fig` into `divId` in a notebook page. */
export function figureHtmlSnippet(fig: PlotlyFigure, divId: string, opts: SnippetOptions = {}): string {
  if (!/^[A-Za-z][\w-]*$/.test(divId)) throw new Error(`figureHtmlSnippet: divId '${divId}' must be letters, digits, '-' or '_'`);
  const width = Number(fig.layout.width ?? FIGURE_WIDTH);
  const height = Number(fig.layout.height ?? FIGURE_HEIGHT);
  const rel = opts.plotlyPath ?? '../figures/plotly.min.js';
  const cfg = { displaylogo: false, responsive: false, ...(fig.config ?? {}) };
  return `<div id="${divId}" class="adaptive-plotly" style="width:${width}px;height:${height}px"></div>
<script type="text/javascript">
(function () {
  var id = ${scriptJson(divId)};
  var fig = ${scriptJson({ data: fig.data, layout: fig.layout })};
  var cfg = ${scriptJson(cfg)};
  var rel = ${scriptJson(rel)};
  var abs = ${scriptJson(opts.plotlyUrl ?? null)};
  function el() { return document.getElementById(id); }
  function draw(P) { if (el() && P) P.newPlot(el(), fig.data, fig.layout, cfg); }
  function fail(url) {
    var d = el();
    if (d) d.innerHTML = '<p style="color:#a00">plotly.js could not be loaded from ' + url +
      ' (start Jupyter at the project root; the static image below shows the figure).</p>';
  }
  function norm(p) {
    var out = [];
    p.split('/').forEach(function (s) {
      if (s === '..') out.pop(); else if (s && s !== '.') out.push(s);
    });
    return out.join('/');
  }
  function url() {
    if (abs) return abs;
    var body = document.body;
    var base = body && body.getAttribute('data-base-url');
    var nb = body && body.getAttribute('data-notebook-path');
    if (base === null || nb === null) {
      var m = /^(.*?\\/)(?:notebooks|lab\\/tree|doc\\/tree|lab\\/workspaces\\/[^/]+\\/tree)\\/(.*)$/.exec(window.location.pathname);
      base = m ? m[1] : '/';
      nb = m ? decodeURIComponent(m[2]) : '';
    }
    var dir = nb.indexOf('/') >= 0 ? nb.slice(0, nb.lastIndexOf('/')) : '';
    return base + 'files/' + norm((dir ? dir + '/' : '') + rel).split('/').map(encodeURIComponent).join('/');
  }
  if (window.Plotly) { draw(window.Plotly); return; }
  var u = url();
  if (typeof window.require === 'function' && typeof window.require.config === 'function') {
    window.require.config({ paths: { adaptive_plotly: u.replace(/\\.js$/, '') } });
    window.require(['adaptive_plotly'], function (P) { P = P || window.Plotly; window.Plotly = window.Plotly || P; draw(P); }, function () { fail(u); });
    return;
  }
  var w = window;
  if (!w.__adaptivePlotly) {
    w.__adaptivePlotly = new Promise(function (resolve, reject) {
      var d = w.define;
      if (d && d.amd) w.define = undefined;
      var s = document.createElement('script');
      s.src = u;
      s.onload = function () { if (d) w.define = d; resolve(w.Plotly); };
      s.onerror = function () { if (d) w.define = d; w.__adaptivePlotly = null; reject(u); };
      document.head.appendChild(s);
    });
  }
  w.__adaptivePlotly.then(draw, function () { fail(u); });
})();
</script>`;
}

interface TslabDisplay {
  html(s: string): void;
  png(b: Uint8Array): void;
}

/** Per-process count of shown figures, so two displays of one figure get distinct div ids. */
let shownCount = 0;

/** A div id stable across runs: a hash of the figure plus the display's position in the session. */
export function figureDivId(fig: PlotlyFigure, position: number): string {
  const h = createHash('sha1').update(JSON.stringify(fig)).digest('hex').slice(0, 10);
  return `plotly-${h}-${position}`;
}

export interface ShowFigureOptions {
  /** Static image bytes (e.g. saveFigure's pngBytes); rendered with Chromium when absent. */
  png?: Uint8Array;
  /** Show the static PNG as well (default true). */
  static?: boolean;
  /** Snippet options (where plotly.min.js is). */
  plotlyUrl?: string;
}

/**
 * Display the figure in a tslab notebook (interactive HTML, then the static PNG). Outside a
 * kernel it prints a short message and does nothing else.
 */
export async function showFigure(fig: PlotlyFigure, opts: ShowFigureOptions = {}): Promise<void> {
  let display: TslabDisplay;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    display = (require('tslab') as { display: TslabDisplay }).display;
  } catch {
    console.log('showFigure: tslab is not available; nothing displayed (saveFigure writes the files).');
    return;
  }
  const copy = ensurePlotlyCopy(figuresDir());
  const plotlyPath = path.relative(process.cwd(), copy).split(path.sep).join('/');
  const html = figureHtmlSnippet(fig, figureDivId(fig, shownCount++), { plotlyPath, plotlyUrl: opts.plotlyUrl });
  try {
    display.html(html);
  } catch {
    console.log(`showFigure: not running inside a tslab kernel; nothing displayed for '${fig.layout.title.text.replace(/<br>.*$/s, '')}'.`);
    return;
  }
  if (opts.static === false) return;
  const png = opts.png ?? (await renderPng(fig));
  if (png) display.png(png);
}

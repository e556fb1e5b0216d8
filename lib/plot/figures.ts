/**
 * Plotly figure builders: plain `{ data, layout }` objects, no plotly import needed to build
 * them. Save them with `saveFigure` (export.ts) or show them in a notebook with `showFigure`
 * (display.ts). Every figure has a title, axis labels with units and a legend; confidence bands
 * are drawn as filled areas behind their curve. plotly.js 3 wants `title: { text }`.
 *
 * @example
 * const fig = rewardBudgetFigure({ title: 'GSM8K, Mistral-7B', x: r.x, curves: r.curves, bands: r.bands, spent: { offline: r.offlineSpent } });
 * await saveFigure(fig, 'gsm8k/curves');
 */

export type PlotlyScalar = string | number | boolean | null;
export type PlotlyValue = PlotlyScalar | PlotlyValue[] | { [key: string]: PlotlyValue | undefined };
export type PlotlyTrace = { [key: string]: PlotlyValue | undefined };
export interface PlotlyLayout {
  title: { text: string; [key: string]: PlotlyValue | undefined };
  [key: string]: PlotlyValue | undefined;
}
export interface PlotlyFigure {
  data: PlotlyTrace[];
  layout: PlotlyLayout;
  config?: { [key: string]: PlotlyValue | undefined };
}

export interface BandLike {
  lo: ArrayLike<number | null>;
  hi: ArrayLike<number | null>;
}

/** Default size of every figure (pixels): fixed so static exports are reproducible. */
export const FIGURE_WIDTH = 900;
export const FIGURE_HEIGHT = 500;

const COLORS: Record<string, string> = {
  uniform: '#7f7f7f',
  random: '#7f7f7f',
  oracle: '#222222',
  online: '#1f77b4',
  offline: '#ff7f0e',
  twoStage: '#2ca02c',
  twoStageFlat: '#98c379',
  prior: '#9467bd',
  constant: '#8c564b',
};
const CYCLE = ['#d62728', '#17becf', '#e377c2', '#bcbd22', '#8c564b', '#9467bd', '#2ca02c'];

const LABELS: Record<string, string> = {
  uniform: 'uniform',
  random: 'random',
  oracle: 'oracle (true gains)',
  online: 'learned, online',
  offline: 'learned, offline policy',
  twoStage: 'two-stage, learned prior',
  twoStageFlat: 'two-stage, shared prior',
  prior: 'learned, uncertainty-aware (Beta)',
};

/** A stable color per curve name (known names fixed, others by their position). */
export function colorFor(name: string, position = 0): string {
  return COLORS[name] ?? CYCLE[position % CYCLE.length];
}

function labelFor(name: string, labels?: Record<string, string>): string {
  return labels?.[name] ?? LABELS[name] ?? name;
}

function rgba(hex: string, alpha: number): string {
  const v = parseInt(hex.slice(1), 16);
  return `rgba(${(v >> 16) & 255}, ${(v >> 8) & 255}, ${v & 255}, ${alpha})`;
}

/** Plain array for JSON; non-finite numbers become null (a gap in plotly). */
export function toPlain(values: ArrayLike<number | null>): (number | null)[] {
  return Array.from({ length: values.length }, (_, i) => {
    const v = values[i];
    return v === null || !Number.isFinite(v) ? null : v;
  });
}

function baseLayout(title: string, xLabel: string, yLabel: string, extra: { [key: string]: PlotlyValue | undefined } = {}): PlotlyLayout {
  return {
    title: { text: title, x: 0.02, xanchor: 'left' },
    xaxis: { title: { text: xLabel }, gridcolor: '#e5e5e5', zeroline: false },
    yaxis: { title: { text: yLabel }, gridcolor: '#e5e5e5', zeroline: false },
    legend: { title: { text: '' }, bgcolor: 'rgba(255,255,255,0.8)' },
    width: FIGURE_WIDTH,
    height: FIGURE_HEIGHT,
    margin: { l: 70, r: 20, t: 70, b: 60 },
    paper_bgcolor: 'white',
    plot_bgcolor: 'white',
    font: { family: 'Arial, Helvetica, sans-serif', size: 13 },
    hovermode: 'x unified',
    ...extra,
  };
}

export interface CurvesFigureInput {
  title: string;
  /** Grid (average budget, or share of strong calls). */
  x: ArrayLike<number>;
  curves: Record<string, ArrayLike<number | null>>;
  /** 95% (or `level`) bands per curve, drawn as filled areas. */
  bands?: Record<string, BandLike>;
  /** Where a curve's real x differs from the grid (offline policies): its spent budget/share. */
  spent?: Record<string, ArrayLike<number> | undefined>;
  xLabel?: string;
  yLabel?: string;
  /** Display names per curve. */
  labels?: Record<string, string>;
  /** Band coverage for the legend note (default 0.95). */
  level?: number;
}

/** Collect `<name>Spent` fields of a results object into a spent map (offlineSpent -> offline). */
export function spentFromResults(obj: object): Record<string, ArrayLike<number>> {
  const out: Record<string, ArrayLike<number>> = {};
  for (const [key, value] of Object.entries(obj)) {
    if (key.endsWith('Spent') && key.length > 5 && value && typeof (value as ArrayLike<number>).length === 'number') {
      out[key.slice(0, -5)] = value as ArrayLike<number>;
    }
  }
  return out;
}

function curveTraces(input: CurvesFigureInput, dashed: Set<string>): PlotlyTrace[] {
  const names = Object.keys(input.curves);
  const bandTraces: PlotlyTrace[] = [];
  const lineTraces: PlotlyTrace[] = [];
  const pct = `${Math.round(100 * (input.level ?? 0.95))}%`;
  names.forEach((name, pos) => {
    const y = input.curves[name];
    const xs = toPlain(input.spent?.[name] ?? input.x);
    if (xs.length !== y.length) throw new Error(`figure '${input.title}': curve '${name}' has ${y.length} points but ${xs.length} x values`);
    const color = colorFor(name, pos);
    const label = labelFor(name, input.labels);
    const band = input.bands?.[name];
    if (band) {
      if (band.lo.length !== y.length || band.hi.length !== y.length) throw new Error(`figure '${input.title}': band of '${name}' does not match its curve length`);
      const lo = toPlain(band.lo);
      const hi = toPlain(band.hi);
      bandTraces.push({
        type: 'scatter',
        mode: 'lines',
        name: `${label} (${pct} interval)`,
        x: [...xs, ...xs.slice().reverse()],
        y: [...hi, ...lo.slice().reverse()],
        fill: 'toself',
        fillcolor: rgba(color, 0.18),
        line: { width: 0, color },
        hoverinfo: 'skip',
        showlegend: false,
        legendgroup: name,
      });
    }
    lineTraces.push({
      type: 'scatter',
      mode: y.length <= 30 ? 'lines+markers' : 'lines',
      name: label,
      x: xs,
      y: toPlain(y),
      line: { color, width: 2, dash: dashed.has(name) ? 'dash' : 'solid' },
      marker: { size: 5, color },
      legendgroup: name,
    });
  });
  return [...bandTraces, ...lineTraces];
}

function bandNote(input: CurvesFigureInput): string {
  return input.bands && Object.keys(input.bands).length
    ? `<br><sub>shaded: ${Math.round(100 * (input.level ?? 0.95))}% bootstrap interval over queries</sub>`
    : '';
}

/** Mean reward against average budget per query, one line per allocator, bands as filled areas. */
export function rewardBudgetFigure(input: CurvesFigureInput): PlotlyFigure {
  const data = curveTraces(input, new Set(['oracle', 'uniform']));
  return {
    data,
    layout: baseLayout(input.title + bandNote(input), input.xLabel ?? 'average budget per query (samples)', input.yLabel ?? 'mean reward (expected best-of-b)'),
  };
}

export interface RoutingFigureInput extends CurvesFigureInput {
  /** Mean reward of always-weak and always-strong (horizontal reference lines). */
  weakMean?: number;
  strongMean?: number;
  weakLabel?: string;
  strongLabel?: string;
}

/** Mean reward against the share of strong calls (or average cost), with weak/strong reference lines. */
export function routingFigure(input: RoutingFigureInput): PlotlyFigure {
  const data = curveTraces(input, new Set(['oracle', 'random']));
  const xs = toPlain(input.spent?.random ?? input.x).filter((v): v is number => v !== null);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const ref = (y: number | undefined, name: string, color: string): void => {
    if (y === undefined || !Number.isFinite(y)) return;
    data.push({ type: 'scatter', mode: 'lines', name, x: [x0, x1], y: [y, y], line: { color, width: 1, dash: 'dot' }, hoverinfo: 'skip' });
  };
  ref(input.weakMean, input.weakLabel ?? 'weak only', '#999999');
  ref(input.strongMean, input.strongLabel ?? 'strong only', '#555555');
  return {
    data,
    layout: baseLayout(
      input.title + bandNote(input),
      input.xLabel ?? 'share of queries sent to the strong procedure (fraction)',
      input.yLabel ?? 'mean reward (per query)',
    ),
  };
}

export interface BudgetByDifficultyInput {
  title: string;
  /** True difficulty per query, e.g. the empirical success rate of one sample (q_i(1)). */
  difficulty: ArrayLike<number>;
  /** Allocated budgets per allocator (same query order). */
  budgets: Record<string, ArrayLike<number>>;
  /** Number of equal-width bins over [min, max] of difficulty (default 10), or explicit edges. */
  bins?: number | number[];
  xLabel?: string;
  yLabel?: string;
  labels?: Record<string, string>;
}

/** Bin edges: `bins` equal-width bins over [min, max] of the values (or the edges given). */
export function binEdges(values: ArrayLike<number>, bins: number | number[] = 10): number[] {
  if (Array.isArray(bins)) return bins.slice();
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) continue;
    lo = Math.min(lo, values[i]);
    hi = Math.max(hi, values[i]);
  }
  if (!(hi > lo)) return [lo, lo + 1];
  return Array.from({ length: bins + 1 }, (_, j) => lo + ((hi - lo) * j) / bins);
}

function binOf(v: number, edges: number[]): number {
  const m = edges.length - 1;
  if (!(v >= edges[0]) || v > edges[m]) return -1;
  let j = 0;
  while (j < m - 1 && v >= edges[j + 1]) j++;
  return j;
}

function fmtEdge(v: number): string {
  return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);
}

/**
 * Allocated budget against true difficulty: per difficulty bin, the mean budget each allocator
 * gives (bars), with the standard deviation as error bars and the bin's query count in the label.
 */
export function budgetByDifficultyFigure(input: BudgetByDifficultyInput): PlotlyFigure {
  const edges = binEdges(input.difficulty, input.bins);
  const m = edges.length - 1;
  const bin = Array.from(input.difficulty, (v) => binOf(v, edges));
  const count = new Array<number>(m).fill(0);
  for (const b of bin) if (b >= 0) count[b]++;
  const cats = Array.from({ length: m }, (_, j) => `${fmtEdge(edges[j])}–${fmtEdge(edges[j + 1])}<br>(n=${count[j]})`);
  const data: PlotlyTrace[] = Object.entries(input.budgets).map(([name, budgets], pos) => {
    if (budgets.length !== bin.length) throw new Error(`budgetByDifficultyFigure: '${name}' has ${budgets.length} budgets for ${bin.length} queries`);
    const s = new Array<number>(m).fill(0);
    const s2 = new Array<number>(m).fill(0);
    const lo = new Array<number>(m).fill(Infinity);
    const hi = new Array<number>(m).fill(-Infinity);
    for (let i = 0; i < bin.length; i++) {
      const j = bin[i];
      if (j < 0) continue;
      s[j] += budgets[i];
      s2[j] += budgets[i] * budgets[i];
      lo[j] = Math.min(lo[j], budgets[i]);
      hi[j] = Math.max(hi[j], budgets[i]);
    }
    const mean = s.map((v, j) => (count[j] ? v / count[j] : null));
    const sd = s2.map((v, j) => (count[j] ? Math.sqrt(Math.max(0, v / count[j] - (s[j] / count[j]) ** 2)) : 0));
    // +-1 standard deviation, clipped to the budgets actually seen in the bin (never below 0)
    const up = sd.map((v, j) => (count[j] ? Math.min(v, hi[j] - s[j] / count[j]) : null));
    const down = sd.map((v, j) => (count[j] ? Math.min(v, s[j] / count[j] - lo[j]) : null));
    return {
      type: 'bar',
      name: labelFor(name, input.labels),
      x: cats,
      y: mean,
      error_y: { type: 'data', symmetric: false, array: up, arrayminus: down, visible: true, thickness: 1 },
      marker: { color: colorFor(name, pos) },
    };
  });
  return {
    data,
    layout: baseLayout(
      input.title + '<br><sub>bars: mean budget in the bin; whiskers: ±1 standard deviation, clipped to the bin\'s range</sub>',
      input.xLabel ?? 'true difficulty: success rate of one sample (bin)',
      input.yLabel ?? 'allocated budget (samples per query)',
      { barmode: 'group', hovermode: 'closest' },
    ),
  };
}

export interface AllocationHistogramInput {
  title: string;
  budgets: Record<string, ArrayLike<number>>;
  /** Largest budget shown (default the largest allocated). */
  bmax?: number;
  labels?: Record<string, string>;
}

/** How many queries get each budget 0..bmax, per allocator (grouped bars). */
export function allocationHistogram(input: AllocationHistogramInput): PlotlyFigure {
  let bmax = input.bmax ?? 0;
  if (input.bmax === undefined) for (const b of Object.values(input.budgets)) for (let i = 0; i < b.length; i++) bmax = Math.max(bmax, b[i]);
  const xs = Array.from({ length: bmax + 1 }, (_, b) => b);
  const data: PlotlyTrace[] = Object.entries(input.budgets).map(([name, budgets], pos) => {
    const c = new Array<number>(bmax + 1).fill(0);
    for (let i = 0; i < budgets.length; i++) {
      const b = budgets[i];
      if (!(b >= 0 && b <= bmax && Number.isInteger(b))) throw new Error(`allocationHistogram: '${name}' gives query ${i} budget ${b}, outside 0..${bmax}`);
      c[b]++;
    }
    return { type: 'bar', name: labelFor(name, input.labels), x: xs, y: c, marker: { color: colorFor(name, pos) } };
  });
  return {
    data,
    layout: baseLayout(input.title, 'allocated budget (samples)', 'queries (count)', { barmode: 'group', hovermode: 'closest' }),
  };
}

/** One bin of a reliability diagram (the shape lib/predictors' diagnostics return). */
export interface ReliabilityBinLike {
  lo: number;
  hi: number;
  meanPredicted: number;
  meanObserved: number;
  weight: number;
}

/** Reliability diagram: mean observed against mean predicted per bin, marker area by weight. */
export function reliabilityFigure(
  series: Record<string, ReliabilityBinLike[]>,
  opts: { title?: string; xLabel?: string; yLabel?: string; labels?: Record<string, string> } = {},
): PlotlyFigure {
  const data: PlotlyTrace[] = [
    { type: 'scatter', mode: 'lines', name: 'perfect calibration', x: [0, 1], y: [0, 1], line: { color: '#aaaaaa', dash: 'dash', width: 1 }, hoverinfo: 'skip' },
  ];
  Object.entries(series).forEach(([name, bins], pos) => {
    const used = bins.filter((b) => b.weight > 0);
    const total = used.reduce((s, b) => s + b.weight, 0) || 1;
    data.push({
      type: 'scatter',
      mode: 'lines+markers',
      name: labelFor(name, opts.labels),
      x: used.map((b) => b.meanPredicted),
      y: used.map((b) => b.meanObserved),
      text: used.map((b) => `bin ${fmtEdge(b.lo)}–${fmtEdge(b.hi)}, weight ${b.weight}`),
      marker: { size: used.map((b) => 6 + 24 * Math.sqrt(b.weight / total)), color: colorFor(name, pos + 1) },
      line: { color: colorFor(name, pos + 1), width: 1.5 },
    });
  });
  return {
    data,
    layout: baseLayout(
      (opts.title ?? 'Reliability diagram') + '<br><sub>marker area: share of queries in the bin</sub>',
      opts.xLabel ?? 'mean predicted success probability (per bin)',
      opts.yLabel ?? 'observed success rate (per bin)',
      { hovermode: 'closest', xaxis: { title: { text: opts.xLabel ?? 'mean predicted success probability (per bin)' }, range: [0, 1], gridcolor: '#e5e5e5' }, yaxis: { title: { text: opts.yLabel ?? 'observed success rate (per bin)' }, range: [0, 1], gridcolor: '#e5e5e5' } },
    ),
  };
}

export interface GroupShareLike {
  count: number;
  share: number | null;
}

/**
 * The paper's Figure 5: share of each outcome group routed to the strong procedure, one bar
 * group per outcome, one bar per router (e.g. learned and random).
 */
export function shareByGroupFigure(input: {
  title: string;
  groups: Record<string, Record<string, GroupShareLike>>;
  groupLabels?: Record<string, string>;
  labels?: Record<string, string>;
  /** The overall share of strong calls the routers were run at (for the subtitle). */
  share?: number;
}): PlotlyFigure {
  const routers = Object.keys(input.groups);
  const groupKeys = routers.length ? Object.keys(input.groups[routers[0]]) : [];
  const cats = groupKeys.map((g) => `${input.groupLabels?.[g] ?? g}<br>(n=${input.groups[routers[0]][g].count})`);
  const data: PlotlyTrace[] = routers.map((r, pos) => ({
    type: 'bar',
    name: labelFor(r, input.labels),
    x: cats,
    y: groupKeys.map((g) => {
      const v = input.groups[r][g]?.share;
      return v === null || v === undefined || !Number.isFinite(v) ? null : v;
    }),
    marker: { color: colorFor(r, pos) },
  }));
  const sub = input.share !== undefined ? `<br><sub>at ${Math.round(100 * input.share)}% strong calls overall</sub>` : '';
  return {
    data,
    layout: baseLayout(input.title + sub, 'true outcome group (queries)', 'share routed to the strong procedure (fraction)', {
      barmode: 'group',
      hovermode: 'closest',
      yaxis: { title: { text: 'share routed to the strong procedure (fraction)' }, range: [0, 1], gridcolor: '#e5e5e5' },
    }),
  };
}

import * as fs from 'fs';
import * as path from 'path';
import { figuresDir, writeFileAtomic, writeJsonAtomic } from '../util/fs';
import type { RewardKind } from '../data/types';
import { maxWithIndex } from './metrics';

/**
 * The results.json files of issues 5 and 6, and the summary built from them.
 *
 * writeResults(dir, obj) writes `<dir>/results.json` atomically with keys in the issues' order,
 * typed arrays turned into arrays, numbers rounded to 12 significant digits (so summation-order
 * noise never changes a committed file) and non-finite numbers as null.
 * writeSummary(root) scans `<root>/<name>/results.json` and writes `<root>/summary.json` and
 * `<root>/summary.md`: one row per dataset and model, sorted, no timestamps.
 *
 * @example
 * writeResults(path.join(figuresDir(), 'gsm8k-7models-mistral'), results);
 * writeSummary(); // figures/summary.json, figures/summary.md
 */

/** Arrays may be given as typed arrays; they are written as plain JSON arrays. */
export type NumArray = number[] | Float64Array | Int32Array;
export type NullableArray = (number | null)[] | Float64Array;

export interface BandJson {
  lo: NumArray;
  hi: NumArray;
}

export interface PredictorSummary {
  name: string;
  spearman?: number | null;
  brier?: number | null;
  constantBrier?: number | null;
  [key: string]: string | number | boolean | null | undefined | number[];
}

export interface BestOfKMetrics {
  oracleGainCaptured: Record<string, number | null>;
  savedAtMatchedQuality: Record<string, NullableArray>;
  gainAtFixedBudget: Record<string, NumArray>;
}

/** Issue 5's schema; curves may hold extra allocators (prior, twoStage, twoStageFlat, ...). */
export interface BestOfKResults {
  dataset: string;
  model?: string;
  kind: 'best-of-k';
  reward: RewardKind;
  n: number;
  bmax: number;
  x: NumArray;
  curves: Record<string, NumArray>;
  offlineSpent?: NumArray;
  twoStageSpent?: NumArray;
  /** Any other `<allocator>Spent`. */
  [spent: `${string}Spent`]: NumArray | undefined;
  bands?: Record<string, BandJson>;
  /** Paired intervals of (allocator - uniform) on the same resamples. */
  pairedBands?: Record<string, BandJson>;
  bootstrap?: { B: number; seed: number; level: number };
  metrics: BestOfKMetrics;
  predictor?: PredictorSummary;
  notes?: string;
}

export interface RoutingMetricsJson {
  apgr: Record<string, number | null>;
  cpt50: Record<string, number | null>;
  cpt80: Record<string, number | null>;
  oracleGainCaptured: Record<string, number | null>;
  gainAtFixedBudget?: Record<string, NumArray>;
  savedAtMatchedQuality?: Record<string, NullableArray>;
}

export interface GroupShareJson {
  count: number;
  share: number | null;
}

/** Issue 6's schema: x is the share of strong calls. */
export interface RoutingResults {
  dataset: string;
  model?: string;
  kind: 'routing';
  reward: 'binary' | 'continuous';
  n: number;
  /** [weak, strong] procedure names. */
  procedures?: [string, string];
  weakMean: number;
  strongMean: number;
  costs?: { weak: number; strong: number };
  x: NumArray;
  curves: Record<string, NumArray>;
  offlineSpent?: NumArray;
  [spent: `${string}Spent`]: NumArray | undefined;
  /** Average cost per query of each curve, when costs were given. */
  cost?: Record<string, NumArray>;
  bands?: Record<string, BandJson>;
  pairedBands?: Record<string, BandJson>;
  bootstrap?: { B: number; seed: number; level: number };
  metrics: RoutingMetricsJson;
  /** Figure 5: share routed to strong per outcome group, per router, at share `groupsShare`. */
  groups?: Record<string, Record<string, GroupShareJson>>;
  groupsShare?: number;
  predictor?: PredictorSummary;
  notes?: string;
}

export type Results = BestOfKResults | RoutingResults;

const TOP_ORDER = [
  'dataset', 'model', 'kind', 'reward', 'n', 'bmax', 'procedures', 'weakMean', 'strongMean', 'costs', 'x', 'curves',
  'offlineSpent', 'twoStageSpent',
];
const TAIL_ORDER = ['cost', 'bands', 'pairedBands', 'bootstrap', 'metrics', 'groups', 'groupsShare', 'predictor', 'notes'];
const CURVE_ORDER = ['uniform', 'random', 'oracle', 'online', 'offline'];
const METRIC_ORDER = ['oracleGainCaptured', 'savedAtMatchedQuality', 'gainAtFixedBudget', 'apgr', 'cpt50', 'cpt80'];

/** Round to 12 significant digits; -0 -> 0; non-finite -> null. */
export function roundStable(v: number): number | null {
  if (!Number.isFinite(v)) return null;
  if (v === 0 || Number.isInteger(v)) return v === 0 ? 0 : v;
  return Number(v.toPrecision(12));
}

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function orderKeys(keys: string[], first: string[]): string[] {
  const head = first.filter((k) => keys.includes(k));
  return [...head, ...keys.filter((k) => !first.includes(k))];
}

/** Plain JSON with typed arrays as arrays and stable rounding; `undefined` members dropped. */
export function toStableJson(value: unknown, keyOrder: (keys: string[], depth: number, parent: string) => string[] = (k) => k, depth = 0, parent = ''): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return roundStable(value);
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number>, (v) => roundStable(Number(v)));
  }
  if (Array.isArray(value)) return value.map((v) => toStableJson(v, keyOrder, depth + 1, parent));
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = keyOrder(Object.keys(obj).filter((k) => obj[k] !== undefined), depth, parent);
    const out: { [k: string]: Json } = {};
    for (const k of keys) out[k] = toStableJson(obj[k], keyOrder, depth + 1, k);
    return out;
  }
  throw new Error(`toStableJson: cannot write a ${typeof value}`);
}

function resultsKeyOrder(keys: string[], depth: number, parent: string): string[] {
  if (depth === 0) {
    const spentKeys = keys.filter((k) => k.endsWith('Spent') && !TOP_ORDER.includes(k)).sort();
    const head = orderKeys(keys, TOP_ORDER).filter((k) => TOP_ORDER.includes(k));
    const rest = keys.filter((k) => !TOP_ORDER.includes(k) && !spentKeys.includes(k) && !TAIL_ORDER.includes(k));
    const tail = TAIL_ORDER.filter((k) => keys.includes(k));
    return [...head, ...spentKeys, ...rest, ...tail];
  }
  if (parent === 'metrics') return orderKeys(keys, METRIC_ORDER);
  if (['curves', 'bands', 'pairedBands', 'cost', 'groups', 'gainAtFixedBudget', 'savedAtMatchedQuality', 'oracleGainCaptured', 'apgr', 'cpt50', 'cpt80'].includes(parent)) {
    return orderKeys(keys, CURVE_ORDER);
  }
  return keys;
}

/** Write `<dir>/results.json` (see the module comment). Returns the file path. */
export function writeResults(dir: string, results: Results): string {
  if (!results || typeof results.dataset !== 'string' || !results.dataset) throw new Error('writeResults: results.dataset must be a non-empty string');
  const kind: unknown = results.kind;
  if (kind !== 'best-of-k' && kind !== 'routing') throw new Error(`writeResults: unknown kind '${String(kind)}' for ${results.dataset}`);
  const nx = results.x.length;
  for (const [name, curve] of Object.entries(results.curves)) {
    if (curve.length !== nx) throw new Error(`writeResults: ${results.dataset}: curve '${name}' has ${curve.length} points, x has ${nx}`);
  }
  const file = path.join(dir, 'results.json');
  writeJsonAtomic(file, toStableJson(results, resultsKeyOrder));
  return file;
}

/** One row of the summary. */
export interface SummaryRow {
  /** Folder under figures/ holding the results. */
  folder: string;
  dataset: string;
  model: string | null;
  kind: 'best-of-k' | 'routing';
  reward: string;
  n: number;
  bmax: number | null;
  /** Uniform's value at x = 1 (pass@1, or mean reward of one sample). */
  pass1: number | null;
  weakMean: number | null;
  strongMean: number | null;
  oracleGainCaptured: Record<string, number | null>;
  /** Largest compute saving at matched quality and the x where it happens. */
  maxSaved: Record<string, { value: number; x: number } | null>;
  /** Largest quality gain at a fixed budget and its x. */
  maxGain: Record<string, { value: number; x: number } | null>;
  /** Number of x where the paired band (allocator - baseline) lies above zero, of how many. */
  xsAboveBaseline: Record<string, { count: number; of: number }>;
  apgr: Record<string, number | null>;
  cpt50: Record<string, number | null>;
}

export interface Summary {
  rows: SummaryRow[];
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function arr(v: unknown): (number | null)[] {
  return Array.isArray(v) ? v.map(num) : [];
}

/** Build one summary row from a parsed results.json. */
export function summaryRow(folder: string, r: Record<string, unknown>, file = folder): SummaryRow {
  const kind = r.kind;
  if (kind !== 'best-of-k' && kind !== 'routing') throw new Error(`summary: ${file}: kind must be 'best-of-k' or 'routing'`);
  const x = arr(r.x);
  const curves = (r.curves ?? {}) as Record<string, unknown>;
  const metrics = (r.metrics ?? {}) as Record<string, Record<string, unknown>>;
  const baseline = kind === 'best-of-k' ? 'uniform' : 'random';
  const allocs = Object.keys(curves).filter((k) => k !== baseline && k !== 'oracle');
  const ogc: Record<string, number | null> = {};
  const maxSaved: SummaryRow['maxSaved'] = {};
  const maxGain: SummaryRow['maxGain'] = {};
  const above: SummaryRow['xsAboveBaseline'] = {};
  const paired = (r.pairedBands ?? {}) as Record<string, { lo?: unknown }>;
  for (const a of allocs) {
    ogc[a] = num(metrics.oracleGainCaptured?.[a]);
    const saved = maxWithIndex(arr(metrics.savedAtMatchedQuality?.[a]));
    maxSaved[a] = saved ? { value: saved.value, x: x[saved.index] ?? NaN } : null;
    const gain = maxWithIndex(arr(metrics.gainAtFixedBudget?.[a]));
    maxGain[a] = gain ? { value: gain.value, x: x[gain.index] ?? NaN } : null;
    if (paired[a]) {
      const lo = arr(paired[a].lo);
      above[a] = { count: lo.filter((v) => v !== null && v > 0).length, of: lo.length };
    }
  }
  const apgrs: Record<string, number | null> = {};
  const cpt50: Record<string, number | null> = {};
  if (kind === 'routing') {
    for (const a of Object.keys(curves)) {
      apgrs[a] = num(metrics.apgr?.[a]);
      cpt50[a] = num(metrics.cpt50?.[a]);
    }
  }
  let pass1: number | null = null;
  if (kind === 'best-of-k') {
    const k1 = x.indexOf(1);
    pass1 = k1 >= 0 ? num(arr(curves.uniform)[k1]) : null;
  }
  const n = num(r.n);
  if (n === null) throw new Error(`summary: ${file}: field 'n' must be a number`);
  return {
    folder,
    dataset: typeof r.variant === 'string' && r.variant ? `${String(r.dataset ?? folder)} (${r.variant})` : String(r.dataset ?? folder),
    model: typeof r.model === 'string' ? r.model : null,
    kind,
    reward: String(r.reward ?? ''),
    n,
    bmax: num(r.bmax),
    pass1,
    weakMean: kind === 'routing' ? num(r.weakMean) : null,
    strongMean: kind === 'routing' ? num(r.strongMean) : null,
    oracleGainCaptured: ogc,
    maxSaved,
    maxGain,
    xsAboveBaseline: above,
    apgr: apgrs,
    cpt50,
  };
}

/** Read every `<root>/<folder>/results.json` (folders sorted) into summary rows, sorted by kind, dataset, model. */
export function collectSummary(figuresRoot: string = figuresDir()): Summary {
  const rows: SummaryRow[] = [];
  if (!fs.existsSync(figuresRoot)) return { rows };
  const folders = fs.readdirSync(figuresRoot, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  for (const folder of folders) {
    const file = path.join(figuresRoot, folder, 'results.json');
    if (!fs.existsSync(file)) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      throw new Error(`summary: ${file}: not valid JSON (${(e as Error).message})`);
    }
    const obj = parsed as Record<string, unknown>;
    if (obj.kind !== 'best-of-k' && obj.kind !== 'routing') {
      console.warn(`summary: skipping ${file}: kind '${String(obj.kind)}' is neither best-of-k nor routing`);
      continue;
    }
    rows.push(summaryRow(folder, obj, file));
  }
  const kindRank = (k: string): number => (k === 'best-of-k' ? 0 : 1);
  rows.sort((a, b) => kindRank(a.kind) - kindRank(b.kind) || cmp(a.dataset, b.dataset) || cmp(a.model ?? '', b.model ?? '') || cmp(a.folder, b.folder));
  return { rows };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function fmt(v: number | null | undefined, digits = 3): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(digits);
}

function pct(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '–' : `${(100 * v).toFixed(1)}%`;
}

function allocatorColumns(rows: SummaryRow[]): string[] {
  const set = new Set<string>();
  for (const r of rows) for (const a of Object.keys(r.oracleGainCaptured)) set.add(a);
  const pref = ['online', 'offline'];
  return [...pref.filter((a) => set.has(a)), ...[...set].filter((a) => !pref.includes(a)).sort()];
}

function mdEscape(s: string): string {
  return s.replace(/\|/g, '\\|');
}

/** The summary as markdown tables (best-of-k, then routing). */
export function summaryMarkdown(summary: Summary): string {
  const lines: string[] = ['# Results summary', '', 'Generated by `writeSummary` from `figures/*/results.json`; do not edit by hand.', ''];
  const bok = summary.rows.filter((r) => r.kind === 'best-of-k');
  const rt = summary.rows.filter((r) => r.kind === 'routing');
  if (bok.length) {
    const al = allocatorColumns(bok);
    lines.push('## Adaptive best-of-k', '');
    lines.push('OGC = share of the oracle\'s gain over uniform captured (mean over budgets); saved = largest compute saving at matched quality (at x); gain = largest quality gain at a fixed budget (at x); sig = budgets where the paired 95% band of (allocator - uniform) lies above zero.', '');
    const head = ['dataset', 'model', 'n', 'Bmax', 'pass@1'];
    for (const a of al) head.push(`OGC ${a}`, `saved ${a}`, `gain ${a}`, `sig ${a}`);
    lines.push(`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`);
    for (const r of bok) {
      const cells = [mdEscape(r.dataset), mdEscape(r.model ?? '–'), String(r.n), r.bmax === null ? '–' : String(r.bmax), fmt(r.pass1)];
      for (const a of al) {
        const s = r.maxSaved[a];
        const g = r.maxGain[a];
        const sig = r.xsAboveBaseline[a];
        cells.push(
          fmt(r.oracleGainCaptured[a]),
          s ? `${pct(s.value)} (x=${fmt(s.x, 0)})` : '–',
          g ? `${fmt(g.value)} (x=${fmt(g.x, 0)})` : '–',
          sig ? `${sig.count}/${sig.of}` : '–',
        );
      }
      lines.push(`| ${cells.join(' | ')} |`);
    }
    lines.push('');
  }
  if (rt.length) {
    const al = allocatorColumns(rt);
    const curves = ['random', 'oracle', ...al];
    lines.push('## Routing', '');
    lines.push('APGR = RouteLLM\'s average performance gap recovered (random 0.5); CPT50 = share of strong calls to recover 50% of the weak-to-strong gap; OGC vs random; sig = shares where the paired 95% band of (router - random) lies above zero.', '');
    const head = ['dataset', 'model', 'n', 'weak', 'strong'];
    for (const c of curves) head.push(`APGR ${c}`);
    for (const c of curves) head.push(`CPT50 ${c}`);
    for (const a of al) head.push(`OGC ${a}`, `sig ${a}`);
    lines.push(`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`);
    for (const r of rt) {
      const cells = [mdEscape(r.dataset), mdEscape(r.model ?? '–'), String(r.n), fmt(r.weakMean), fmt(r.strongMean)];
      for (const c of curves) cells.push(fmt(r.apgr[c]));
      for (const c of curves) cells.push(fmt(r.cpt50[c]));
      for (const a of al) {
        const sig = r.xsAboveBaseline[a];
        cells.push(fmt(r.oracleGainCaptured[a]), sig ? `${sig.count}/${sig.of}` : '–');
      }
      lines.push(`| ${cells.join(' | ')} |`);
    }
    lines.push('');
  }
  if (!bok.length && !rt.length) lines.push('No results yet.', '');
  return lines.join('\n');
}

/** Write `<root>/summary.json` and `<root>/summary.md`; returns the summary. */
export function writeSummary(figuresRoot: string = figuresDir()): Summary {
  const summary = collectSummary(figuresRoot);
  writeJsonAtomic(path.join(figuresRoot, 'summary.json'), toStableJson(summary));
  writeFileAtomic(path.join(figuresRoot, 'summary.md'), summaryMarkdown(summary));
  return summary;
}

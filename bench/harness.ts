/**
 * Benchmark plumbing: timing (median of N runs after warm-ups), the Python interpreter probe,
 * raw little-endian typed-array files shared with the Python baselines, and the result table.
 *
 * Inputs reach Python as `<dir>/header.json` plus one raw `.bin` file per array (float64 /
 * int32, little-endian, no header), so both sides read bit-identical numbers.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** One row of bench/results.json. */
export interface BenchEntry {
  case: string;
  n: number;
  projectMs: number | null;
  baselineMs: number | null;
  ratio: number | null;
  sameObjective: boolean | null;
  variant?: string;
  [extra: string]: unknown;
}

/** Median of a non-empty list. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error('median: empty list');
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export interface Timing<T> {
  /** Median wall time of the timed runs, in milliseconds. */
  ms: number;
  /** Every timed run, in order. */
  all: number[];
  /** The untimed warm-up runs' times, in order (the first is the cold run). */
  warm: number[];
  /** The result of the last run. */
  result: T;
}

/** Run `fn` `warmup` times untimed, then `runs` times timed; report the median wall time. */
export function timeIt<T>(fn: () => T, runs: number, warmup = 1): Timing<T> {
  let result: T | undefined;
  const warm: number[] = [];
  for (let i = 0; i < warmup; i++) {
    const t0 = performance.now();
    result = fn();
    warm.push(performance.now() - t0);
  }
  const all: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = fn();
    all.push(performance.now() - t0);
  }
  return { ms: median(all), all, warm, result: result as T };
}

/** A Python interpreter and the versions of the packages the baselines use (null = missing). */
export interface PythonInfo {
  exe: string;
  version: string;
  numpy: string | null;
  scipy: string | null;
  sklearn: string | null;
}

const PROBE = `
import json, sys
out = {"version": sys.version.split()[0]}
for m in ("numpy", "scipy", "sklearn"):
    try:
        out[m] = __import__(m).__version__
    except Exception:
        out[m] = None
print(json.dumps(out))
`;

/**
 * Probe candidate interpreters: `$BENCH_PYTHON`, `python3` on PATH, `/usr/bin/python3`.
 * Returns every distinct one that runs (duplicates by resolved path removed).
 */
export function probePythons(): PythonInfo[] {
  const cands = [process.env.BENCH_PYTHON, 'python3', '/usr/bin/python3'].filter((x): x is string => !!x);
  const seen = new Set<string>();
  const out: PythonInfo[] = [];
  for (const exe of cands) {
    const r = spawnSync(exe, ['-c', `import sys; print(sys.executable)\n${PROBE}`], { encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0 || !r.stdout) continue;
    const [real, json] = r.stdout.trim().split('\n');
    const key = fs.existsSync(real) ? fs.realpathSync(real) + '|' + json : exe;
    if (seen.has(key)) continue;
    seen.add(key);
    const v = JSON.parse(json) as { version: string; numpy: string | null; scipy: string | null; sklearn: string | null };
    out.push({ exe, ...v });
  }
  return out;
}

/** The first interpreter that has every module in `needs`, or a printed reason why none does. */
export function pickPython(pys: readonly PythonInfo[], needs: readonly ('numpy' | 'scipy' | 'sklearn')[]): PythonInfo | string {
  const ok = pys.find((p) => needs.every((m) => p[m] !== null));
  if (ok) return ok;
  if (pys.length === 0) return 'no Python interpreter found (tried $BENCH_PYTHON, python3, /usr/bin/python3)';
  return `no Python with ${needs.join(' + ')} (probed: ${pys.map((p) => `${p.exe} numpy=${p.numpy} scipy=${p.scipy} sklearn=${p.sklearn}`).join('; ')})`;
}

/** Arrays written for Python: name -> typed array (float64 or int32, little-endian). */
export type ArrayBag = Record<string, Float64Array | Int32Array>;

/** Write `header.json` + one `<name>.bin` per array into `dir`. */
export function writeInputs(dir: string, arrays: ArrayBag, params: Record<string, unknown>): void {
  if (os.endianness() !== 'LE') throw new Error('bench: raw .bin files assume a little-endian machine');
  fs.mkdirSync(dir, { recursive: true });
  const meta: Record<string, { file: string; dtype: string; length: number }> = {};
  for (const [name, a] of Object.entries(arrays)) {
    const file = `${name}.bin`;
    fs.writeFileSync(path.join(dir, file), new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    meta[name] = { file, dtype: a instanceof Float64Array ? '<f8' : '<i4', length: a.length };
  }
  fs.writeFileSync(path.join(dir, 'header.json'), JSON.stringify({ arrays: meta, params }, null, 2));
}

/** Read a raw little-endian array written by Python (`np.ndarray.tofile`). */
export function readBin(file: string, dtype: 'f8' | 'i4'): Float64Array | Int32Array {
  const buf = fs.readFileSync(file);
  const copy = new Uint8Array(buf.byteLength);
  copy.set(buf);
  return dtype === 'f8' ? new Float64Array(copy.buffer) : new Int32Array(copy.buffer);
}

/**
 * Run a baseline script `bench/<script>` on input folder `dir`; it prints one JSON object on
 * its last stdout line. Python's stderr (progress) passes through.
 */
export function runPython<T>(py: PythonInfo, script: string, dir: string, timeoutMs = 30 * 60_000): T {
  const out = execFileSync(py.exe, [path.join(__dirname, script), dir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines = out.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as T;
}

/** A fresh temporary folder for one case's inputs. */
export function tempDir(tag: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `bench-${tag}-`));
}

export function ratio(projectMs: number | null, baselineMs: number | null): number | null {
  return projectMs !== null && baselineMs !== null && baselineMs > 0 ? projectMs / baselineMs : null;
}

function fmt(x: unknown): string {
  if (x === null || x === undefined) return '-';
  if (typeof x === 'number') {
    if (Number.isInteger(x)) return String(x);
    return Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toPrecision(3);
  }
  return String(x);
}

/** A Markdown table of the entries (also readable in a terminal). */
export function formatTable(entries: readonly BenchEntry[]): string {
  const cols = ['case', 'variant', 'n', 'projectMs', 'baselineMs', 'ratio', 'sameObjective'] as const;
  const rows = entries.map((e) => cols.map((c) => fmt(e[c])));
  const w = cols.map((c, k) => Math.max(c.length, ...rows.map((r) => r[k].length)));
  const line = (cells: readonly string[]): string => '| ' + cells.map((s, k) => s.padEnd(w[k])).join(' | ') + ' |';
  return [line(cols), '|' + w.map((x) => '-'.repeat(x + 2)).join('|') + '|', ...rows.map(line)].join('\n');
}

/**
 * What fresh memory costs on this machine: median ms to allocate a new 16 MB Float64Array and
 * write one value per 4 KB page (every page faulted in), and to write the same pages of a buffer
 * already in use. A case with a large output (evaluate-allocations keeps 31 MB of allocations per
 * run) pays the first rate on all of it.
 */
export function memoryProbe(runs = 7): { freshMsPer16MB: number; reusedMsPer16MB: number } {
  const len = (16 << 20) / 8;
  const fresh: number[] = [];
  const reused: number[] = [];
  const keep = new Float64Array(len);
  for (let r = 0; r < runs; r++) {
    let t = performance.now();
    const a = new Float64Array(len);
    for (let i = 0; i < len; i += 512) a[i] = r;
    fresh.push(performance.now() - t);
    t = performance.now();
    for (let i = 0; i < len; i += 512) keep[i] = r + a[i];
    reused.push(performance.now() - t);
  }
  return { freshMsPer16MB: median(fresh), reusedMsPer16MB: median(reused) };
}

/** CPU model, cores, memory, OS, fresh-memory cost: for bench/machine.json. */
export function machineInfo(): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    memory: memoryProbe(),
  };
}

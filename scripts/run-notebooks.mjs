#!/usr/bin/env node
/**
 * `npm run notebooks`: execute notebooks headless with Jupyter's nbconvert, in name order,
 * stopping at the first failing cell and printing its source and error.
 *
 *   node scripts/run-notebooks.mjs [FILTER...] [--dir DIR] [--out DIR] [--timeout SECONDS] [--verbose]
 *
 * FILTER        run only notebooks whose file name contains one of these strings (e.g. `00`)
 * --dir DIR     folder of notebooks (default: <project>/notebooks)
 * --out DIR     write executed copies to DIR instead of in place (the kernel still runs in the
 *               notebook's own folder, so `../dist` resolves)
 * --timeout S   per-cell timeout in seconds (default 3600)
 * --verbose     show nbconvert's own log lines
 *
 * Environment: ADAPTIVE_QUICK, FIGURES_DIR, DATA_DIR pass through to the kernel. Executed
 * notebooks carry no timing metadata, so a re-run that changes nothing leaves git clean.
 * Progress lines from lib/notebook/progress.ts reach this terminal (not the notebook).
 * Exit status: 0 if every notebook ran, 1 otherwise.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { PROJECT_ROOT, jupyterEnv } from './setup-kernel.mjs';
import { requireJupyter } from './jupyter.mjs';

const ERR_BEGIN = '@@adaptive-cell-error-begin@@';
const ERR_END = '@@adaptive-cell-error-end@@';
/** Prefix of progress lines written by lib/notebook/progress.ts to the kernel's stderr. */
export const PROGRESS_PREFIX = '@@adaptive-progress@@ ';
const MAX_STACK_LINES = 6;

function parseArgs(argv) {
  const opts = { filters: [], dir: path.join(PROJECT_ROOT, 'notebooks'), out: null, timeout: 3600, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--dir') opts.dir = path.resolve(value());
    else if (a === '--out') opts.out = path.resolve(value());
    else if (a === '--timeout') {
      opts.timeout = Number(value());
      if (!(opts.timeout > 0)) usage('--timeout must be a positive number of seconds');
    } else if (a === '--verbose' || a === '-v') opts.verbose = true;
    else if (a === '--help' || a === '-h') usage(null);
    else if (a.startsWith('-')) usage(`unknown option ${a}`);
    else opts.filters.push(a);
  }
  return opts;
}

function usage(problem) {
  const text = 'usage: npm run notebooks -- [FILTER...] [--dir DIR] [--out DIR] [--timeout SECONDS] [--verbose]';
  if (problem) {
    process.stderr.write(`run-notebooks: ${problem}\n${text}\n`);
    process.exit(2);
  }
  process.stdout.write(text + '\n');
  process.exit(0);
}

/** Shorten a tslab error block: keep the message, drop most `at ...` stack frames. */
function conciseError(block) {
  const lines = block.split('\n');
  const kept = [];
  let frames = 0;
  let dropped = 0;
  for (const line of lines) {
    if (/^\s+at /.test(line)) {
      // Frames of Node's vm and of tslab itself say nothing about the notebook's code.
      if (/\(node:|node_modules[\\/]tslab[\\/]|^\s+at node:/.test(line)) dropped++;
      else if (frames++ < MAX_STACK_LINES) kept.push(line);
      else dropped++;
    } else kept.push(line);
  }
  if (dropped) kept.push(`    ... ${dropped} frame(s) of Node/tslab internals or deeper calls omitted`);
  return kept.join('\n');
}

/** Code cells without an `id` get a random one from nbformat on every run: warn once. */
function checkCellIds(file) {
  try {
    const nb = JSON.parse(fs.readFileSync(file, 'utf8'));
    const missing = (nb.cells || []).filter((c) => !c.id).length;
    if (missing > 0 || (nb.nbformat === 4 && (nb.nbformat_minor ?? 0) < 5)) {
      process.stderr.write(
        `  note: ${path.basename(file)}: ${missing} cell(s) without an id (nbformat ${nb.nbformat}.${nb.nbformat_minor}); ` +
          'Jupyter will add random ids, commit the notebook once after this run.\n',
      );
    }
  } catch (e) {
    throw new Error(`${file}: not a readable notebook (${e.message})`);
  }
}

/**
 * Execute one notebook. Resolves to {ok, seconds, error, log}.
 */
function runOne(file, opts, env) {
  const args = [
    'nbconvert',
    '--config',
    path.join(PROJECT_ROOT, 'scripts', 'nbconvert_config.py'),
    '--to',
    'notebook',
    '--execute',
    `--ExecutePreprocessor.timeout=${opts.timeout}`,
    '--ExecutePreprocessor.record_timing=False',
    ...(opts.out ? ['--output-dir', opts.out] : ['--inplace']),
    file,
  ];
  const started = process.hrtime.bigint();
  const tty = process.stderr.isTTY;
  return new Promise((resolve) => {
    const child = spawn('jupyter', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const log = [];
    let errorLines = null;
    let errorBlock = null;
    let progressOpen = false;
    const onLine = (line) => {
      if (line.startsWith(PROGRESS_PREFIX)) {
        const text = '    ' + line.slice(PROGRESS_PREFIX.length);
        if (tty) {
          process.stderr.write('\r\x1b[K' + text);
          progressOpen = true;
        } else process.stderr.write(text + '\n');
        return;
      }
      if (progressOpen) {
        process.stderr.write('\n');
        progressOpen = false;
      }
      if (line === ERR_BEGIN) errorLines = [];
      else if (line === ERR_END && errorLines) {
        errorBlock = errorLines.join('\n');
        errorLines = null;
      } else if (errorLines) errorLines.push(line);
      else {
        log.push(line);
        if (opts.verbose) process.stderr.write(line + '\n');
      }
    };
    let rest = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop();
      for (const p of parts) onLine(p.replace(/\r$/, ''));
    });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      for (const p of chunk.split('\n')) if (p) log.push(p);
    });
    const forward = (sig) => child.kill(sig);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', (e) => log.push(String(e)));
    child.on('close', (code, signal) => {
      if (rest) onLine(rest);
      if (progressOpen) process.stderr.write('\n');
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      resolve({ ok: code === 0, code, signal, seconds, error: errorBlock, log });
    });
  });
}

/** A path as the user would like to read it: relative when inside the current folder. */
function show(p) {
  const rel = path.relative(process.cwd(), p);
  return rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? p : rel;
}

export async function main(argv = process.argv.slice(2)) {
  const opts = parseArgs(argv);
  requireJupyter('nbconvert', 'npm run notebooks');
  if (!fs.existsSync(path.join(PROJECT_ROOT, 'dist', 'index.js'))) {
    process.stderr.write(
      `run-notebooks: ${path.join(PROJECT_ROOT, 'dist')} is missing or incomplete: notebooks import the built library.\n` +
        'Run `npm run build` first (`npm run main` builds, fetches data and runs the notebooks).\n',
    );
    return 1;
  }
  if (!fs.existsSync(opts.dir)) {
    process.stderr.write(`run-notebooks: notebook folder ${opts.dir} does not exist\n`);
    return 1;
  }
  const all = fs
    .readdirSync(opts.dir)
    .filter((f) => f.endsWith('.ipynb'))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const chosen = opts.filters.length ? all.filter((f) => opts.filters.some((s) => f.slice(0, -'.ipynb'.length).includes(s))) : all;
  if (chosen.length === 0) {
    process.stderr.write(
      `run-notebooks: no notebooks${opts.filters.length ? ` matching ${opts.filters.join(', ')}` : ''} in ${opts.dir}\n`,
    );
    return 1;
  }
  if (opts.out) fs.mkdirSync(opts.out, { recursive: true });
  const env = jupyterEnv({ ADAPTIVE_PROGRESS: 'stderr' });
  const where = opts.out ? ` -> ${show(opts.out)}` : ' (in place)';
  process.stderr.write(`Executing ${chosen.length} notebook(s) from ${show(opts.dir)}${where}\n`);
  let total = 0;
  for (const name of chosen) {
    const file = path.join(opts.dir, name);
    checkCellIds(file);
    const r = await runOne(file, opts, env);
    total += r.seconds;
    const time = `${r.seconds.toFixed(1)} s`;
    if (r.ok) {
      process.stderr.write(`  ok      ${name}  ${time}\n`);
      continue;
    }
    process.stderr.write(`  FAILED  ${name}  ${time}${r.signal ? ` (${r.signal})` : ''}\n`);
    if (r.error) {
      process.stderr.write(`\nError in ${name}, ${conciseError(r.error)}\n`);
    } else {
      // No cell error reported: show nbconvert's own complaint (timeout, kernel died, bad JSON...).
      const interesting = r.log.filter((l) => !/^\s+(File|\^|return|output|nbc|self|cell|await|raise|sys\.exit)/.test(l));
      process.stderr.write('\n' + interesting.slice(-25).join('\n') + '\n');
    }
    process.stderr.write(`\nStopped at ${name}; later notebooks were not run.\n`);
    return 1;
  }
  process.stderr.write(`All ${chosen.length} notebook(s) ran in ${total.toFixed(1)} s\n`);
  return 0;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`run-notebooks: ${e.message}\n`);
      process.exit(1);
    },
  );
}

import * as fs from 'fs';
import * as path from 'path';

/** Prefix of progress lines for the terminal under `npm run notebooks` (scripts/run-notebooks.mjs). */
export const PROGRESS_PREFIX = '@@adaptive-progress@@ ';

/** Options of `progress`. */
export interface ProgressOptions {
  /** Update the display every `every` ticks (default: total/100, at least 1). */
  every?: number;
}

/** A running progress line; call `tick` as work completes and `done` once at the end. */
export interface Progress {
  /** Count `n` more units done (default 1). */
  tick(n?: number): void;
  /** Show the final line (`label: k/total done`). Later ticks are ignored. */
  done(): void;
}

interface TextDisplay {
  text(s: string): void;
}

type Sink = (text: string, final: boolean) => void;

/** Minimum time between two updates of the same line (the final one always shows). */
const MIN_INTERVAL_MS = 100;

/**
 * A progress line for long loops (cross-validation folds, bootstrap resamples, datasets).
 *
 * - In a tslab notebook: ONE display entry, overwritten in place (`tslab.newDisplay()`), whose
 *   final text is deterministic (`label: 20/20 done`, no times), so saved notebooks stay stable.
 * - Under `npm run notebooks` (env `ADAPTIVE_PROGRESS=stderr`, set by run-notebooks): also a few
 *   lines (each 10%) on the kernel's inherited stderr (file descriptor 2, which tslab does not
 *   capture into the notebook); run-notebooks shows them in the terminal.
 * - Plain Node: a `\r`-updated line on stderr (a terminal), or a line per 10% (a pipe).
 * - `ADAPTIVE_PROGRESS=off` silences everything but the notebook display.
 *
 * @example
 * const p = progress('bootstrap', 1000);
 * for (let i = 0; i < 1000; i++) { resample(i); p.tick(); }
 * p.done();
 */
export function progress(label: string, total: number, options: ProgressOptions = {}): Progress {
  const every = Math.max(1, Math.floor(options.every ?? total / 100));
  const sinks = makeSinks();
  let count = 0;
  let finished = false;
  let lastShown = -1;
  let lastTime = 0;
  let lastDecile = -1;

  const text = (final: boolean): string => {
    if (final) return `${label}: ${count}/${total} done`;
    const pct = total > 0 ? Math.floor((100 * count) / total) : 100;
    return `${label}: ${count}/${total} (${pct}%)`;
  };
  const show = (final: boolean): void => {
    const t = text(final);
    for (const sink of sinks.display) sink(t, final);
    const decile = total > 0 ? Math.floor((10 * count) / total) : 10;
    if (final || decile !== lastDecile) {
      lastDecile = decile;
      for (const sink of sinks.coarse) sink(t, final);
    }
  };

  show(false);
  return {
    tick(n = 1): void {
      if (finished) return;
      count += n;
      if (count - lastShown < every && count < total) return;
      const now = Date.now();
      if (now - lastTime < MIN_INTERVAL_MS && count < total) return;
      lastShown = count;
      lastTime = now;
      show(false);
    },
    done(): void {
      if (finished) return;
      finished = true;
      show(true);
    },
  };
}

/** `display` sinks get every update; `coarse` sinks only each 10% and the final line. */
function makeSinks(): { display: Sink[]; coarse: Sink[] } {
  const mode = process.env.ADAPTIVE_PROGRESS;
  const display = tslabDisplay();
  const sinks: { display: Sink[]; coarse: Sink[] } = { display: [], coarse: [] };
  if (display) {
    sinks.display.push((t) => {
      try {
        display.text(t);
      } catch {
        // Not inside a cell's execution (e.g. a timer after the cell ended): skip the update.
      }
    });
  }
  if (mode === 'off') return sinks;
  if (mode === 'stderr' || display) {
    if (mode === 'stderr') sinks.coarse.push((t) => writeFd2(PROGRESS_PREFIX + t + '\n'));
    return sinks;
  }
  if (process.stderr.isTTY) {
    sinks.display.push((t, final) => process.stderr.write('\r\x1b[K' + t + (final ? '\n' : '')));
  } else {
    sinks.coarse.push((t) => process.stderr.write(t + '\n'));
  }
  return sinks;
}

function writeFd2(s: string): void {
  try {
    fs.writeSync(2, s);
  } catch {
    // stderr closed: progress is optional.
  }
}

/**
 * The tslab display of the running kernel, or null outside tslab. Uses the tslab copy the
 * kernel itself loaded (found in the module cache), so it works even if another tslab is
 * resolvable from here.
 */
function tslabDisplay(): TextDisplay | null {
  const kernelModule = Object.keys(require.cache).find((k) => /[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(k));
  if (!kernelModule) return null;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const tslab = require(path.join(path.dirname(kernelModule), 'public.js')) as { newDisplay(): TextDisplay };
    return tslab.newDisplay();
  } catch {
    return null;
  }
}

/**
 * `npm run datasets` prints a table of every registered dataset; `npm run datasets -- --json`
 * prints a JSON array with keys name, kind, queries, samplesPerQuery, procedures, meanReward.
 * gsm8k-7models is summarised on its official test split with Mistral-7B-v0.1.
 * Missing files: exits 1 and says to run `npm run data`.
 */
import { dataDir } from '../util/fs';
import { missingDataFiles, summarizeAll, type DatasetSummary } from './summary';

function fmt(x: number | null, digits = 3): string {
  return x === null ? '-' : x.toFixed(digits);
}

function table(rows: DatasetSummary[]): string {
  const head = ['name', 'kind', 'reward', 'queries', 'samples/procs', 'mean reward (pass@1 / per procedure)', 'never', 'always'];
  const body = rows.map((r) => [
    r.name + (r.note ? ` (${r.note})` : ''),
    r.kind,
    r.reward,
    String(r.queries),
    r.samplesPerQuery !== null ? String(r.samplesPerQuery) : `${r.procedures?.length} procs`,
    typeof r.meanReward === 'number'
      ? fmt(r.meanReward)
      : Object.entries(r.meanReward).map(([p, v]) => `${p.split('/').pop()} ${fmt(v, v > 1 ? 2 : 3)}`).join(' | '),
    fmt(r.neverSolved),
    fmt(r.alwaysSolved),
  ]);
  const w = head.map((h, j) => Math.max(h.length, ...body.map((b) => b[j].length)));
  const line = (cells: string[]): string => cells.map((c, j) => (j === 3 || j === 4 ? c.padStart(w[j]) : c.padEnd(w[j]))).join('  ').trimEnd();
  return [line(head), line(w.map((x) => '-'.repeat(x))), ...body.map(line)].join('\n');
}

function main(): void {
  const json = process.argv.includes('--json');
  const missing = missingDataFiles();
  if (missing.length > 0) {
    console.error(`datasets: ${missing.length} data file(s) missing under ${dataDir()}, e.g.\n${missing.slice(0, 5).map((f) => `  ${f}`).join('\n')}\nRun \`npm run data\` first (offline: DATA_MIRROR=../shared/data npm run data).`);
    process.exitCode = 1;
    return;
  }
  const rows = summarizeAll();
  if (json) {
    const out = rows.map((r) => ({
      name: r.name, kind: r.kind, queries: r.queries, samplesPerQuery: r.samplesPerQuery, procedures: r.procedures, meanReward: r.meanReward,
    }));
    console.log(JSON.stringify(out, null, 2));
  } else {
    console.log(table(rows));
    console.log('\nnever / always: share of queries solved by no sample (procedure) / every sample (procedure); binary rewards only.');
    console.log('reranked: mean reward = correctness of one random candidate. tot-text and routellm-mtbench rewards are judge scores 1-10.');
  }
}

try {
  main();
} catch (err) {
  console.error(`datasets: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}

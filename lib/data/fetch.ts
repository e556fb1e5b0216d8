/**
 * Verified fetch of the manifest's files into `dataDir()` (default `data/external/`, ignored by
 * git). For each file: keep it if present with the right sha256 ("ok (cached)"); else copy it
 * from the mirror folder `DATA_MIRROR` (layout `<owner>/<repo>/<path>`, "copied"); else
 * download `https://raw.githubusercontent.com/<repo>/<commit>/<path>` ("downloaded").
 * The sha256 is checked before the file becomes visible (written to a temp name in the same
 * folder, then renamed), so a mismatch or a failed download never replaces a good copy.
 *
 * Example: `await fetchData({ mirror: '../shared/data' })` prints one line per file and
 * returns the per-file outcomes; `await ensureData(['gsm8k-7models'])` quietly fetches only
 * what that dataset lacks.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { dataDir } from '../util/fs';
import { datasetInfo } from './catalog';
import { readManifest, upstreamUrl, type ManifestEntry } from './manifest';

export type FetchStatus = 'ok (cached)' | 'copied' | 'downloaded' | 'failed';

export interface FetchResult {
  local: string;
  status: FetchStatus;
  /** For 'failed': what went wrong, naming the file. */
  error?: string;
}

export interface FetchOptions {
  /** Destination folder (default dataDir()). */
  dir?: string;
  /** Mirror folder (default env DATA_MIRROR; none when unset). */
  mirror?: string;
  /** Entries to fetch (default the whole manifest). */
  entries?: ManifestEntry[];
  /** Progress sink, one line per file (default console.log; pass () => {} for quiet). */
  log?: (line: string) => void;
  /** Allow network downloads (default true). */
  download?: boolean;
  /** Download function (default global fetch); tests inject a fake. */
  fetchImpl?: (url: string) => Promise<{ ok: boolean; status: number; arrayBuffer(): Promise<ArrayBuffer> }>;
}

/** Hex sha256 of bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Hex sha256 of a file, or null when it does not exist. */
export function fileSha256(file: string): string | null {
  if (!fs.existsSync(file)) return null;
  return sha256Hex(fs.readFileSync(file));
}

/** The mirror folder from env DATA_MIRROR (resolved against the working directory), or undefined. */
export function mirrorDir(): string | undefined {
  const m = process.env.DATA_MIRROR;
  return m ? path.resolve(m) : undefined;
}

/** Write bytes to `dest` only if their sha256 matches: temp file in the same folder, then rename. */
function installVerified(dest: string, bytes: Uint8Array, e: ManifestEntry, from: string): void {
  const got = sha256Hex(bytes);
  if (got !== e.sha256) {
    throw new Error(`${e.local}: sha256 mismatch for the copy from ${from}: expected ${e.sha256}, got ${got} (${bytes.length} bytes, expected ${e.bytes}); the existing file was left untouched`);
  }
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const tmp = `${dest}.${process.pid}.${Date.now()}.tmp`;
  try {
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, dest);
  } finally {
    if (fs.existsSync(tmp)) fs.rmSync(tmp, { force: true });
  }
}

/** Fetch one manifest entry (see module doc); throws an Error naming the file on failure. */
export async function fetchEntry(e: ManifestEntry, opts: FetchOptions = {}): Promise<Exclude<FetchStatus, 'failed'>> {
  const dir = opts.dir ?? dataDir();
  const dest = path.join(dir, e.local);
  if (fileSha256(dest) === e.sha256) return 'ok (cached)';
  const mirror = opts.mirror ?? mirrorDir();
  const problems: string[] = [];
  if (mirror) {
    const src = path.join(mirror, e.local);
    if (fs.existsSync(src)) {
      installVerified(dest, fs.readFileSync(src), e, `mirror ${src}`);
      return 'copied';
    }
    problems.push(`not in mirror ${mirror}`);
  }
  if (opts.download === false) {
    throw new Error(`${e.local}: ${problems.concat('downloads disabled').join('; ')}`);
  }
  const url = upstreamUrl(e);
  const doFetch = opts.fetchImpl ?? ((u: string) => fetch(u, { signal: AbortSignal.timeout(120_000) }));
  let bytes: Uint8Array;
  try {
    const res = await doFetch(url);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    bytes = new Uint8Array(await res.arrayBuffer());
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    throw new Error(`${e.local}: ${problems.concat(`download of ${url} failed: ${msg}`).join('; ')}`);
  }
  installVerified(dest, bytes, e, url);
  return 'downloaded';
}

/**
 * Fetch every entry (default: the whole manifest), one progress line per file
 * (`[3/82] <local> copied`). Failures do not stop the others; they are returned with
 * status 'failed' and a message naming the file.
 */
export async function fetchData(opts: FetchOptions = {}): Promise<FetchResult[]> {
  const entries = opts.entries ?? readManifest();
  const log = opts.log ?? ((s: string) => console.log(s));
  const out: FetchResult[] = [];
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    const tag = `[${i + 1}/${entries.length}] ${e.local}`;
    try {
      const status = await fetchEntry(e, opts);
      out.push({ local: e.local, status });
      log(`${tag} ${status}`);
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      out.push({ local: e.local, status: 'failed', error });
      log(`${tag} FAILED: ${error}`);
    }
  }
  return out;
}

/** Manifest entries a set of datasets needs (default all datasets). */
export function entriesFor(names?: readonly string[], manifest: ManifestEntry[] = readManifest()): ManifestEntry[] {
  if (!names) return manifest;
  const want = new Set<string>();
  for (const n of names) for (const f of datasetInfo(n).files) want.add(f);
  const byLocal = new Map(manifest.map((e) => [e.local, e]));
  return [...want].map((f) => {
    const e = byLocal.get(f);
    if (!e) throw new Error(`data/datasets.json has no entry for ${f}`);
    return e;
  });
}

/**
 * For notebooks and tests: make sure the files of `names` (default every dataset) are in
 * `dir` (default dataDir()), fetching only what is missing or corrupt, quietly. Throws one
 * Error listing every file that could not be fetched.
 */
export async function ensureData(names?: readonly string[], opts: Omit<FetchOptions, 'entries'> = {}): Promise<void> {
  const res = await fetchData({ ...opts, entries: entriesFor(names), log: opts.log ?? (() => {}) });
  const bad = res.filter((r) => r.status === 'failed');
  if (bad.length > 0) {
    throw new Error(`could not fetch ${bad.length} data file(s):\n${bad.map((r) => `  ${r.error}`).join('\n')}`);
  }
}

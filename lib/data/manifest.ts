/**
 * The project's data manifest, `data/datasets.json`: every upstream file the workspace uses,
 * pinned to a commit with its sha256 (facts copied from the mirror's MANIFEST.json).
 * Upstream URL: `https://raw.githubusercontent.com/<repo>/<commit>/<path>`; local copy:
 * `<dataDir()>/<local>` where `local = <repo>/<path>`.
 *
 * Example: `upstreamUrl(readManifest()[0])` ->
 * `'https://raw.githubusercontent.com/lm-sys/RouteLLM/0b64fd.../routellm/evals/gsm8k/gsm8k_responses.csv'`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { PROJECT_ROOT } from '../util/fs';

export interface ManifestEntry {
  repo: string;
  commit: string;
  path: string;
  sha256: string;
  bytes: number;
  license: string;
  /** Path below the data folder (and below a mirror): `<repo>/<path>`. */
  local: string;
}

/** Location of the manifest inside the project. */
export const MANIFEST_PATH: string = path.join(PROJECT_ROOT, 'data', 'datasets.json');

/** Read and check the manifest (each entry has the seven fields, sha256 is 64 hex digits). */
export function readManifest(file: string = MANIFEST_PATH): ManifestEntry[] {
  const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as { files?: unknown };
  if (!Array.isArray(doc.files)) throw new Error(`${file}: expected {"files": [...]}`);
  return doc.files.map((e: unknown, i: number) => {
    const o = e as Record<string, unknown>;
    for (const k of ['repo', 'commit', 'path', 'sha256', 'license', 'local']) {
      if (typeof o[k] !== 'string' || o[k] === '') throw new Error(`${file}: files[${i}]: field "${k}" missing`);
    }
    if (!/^[0-9a-f]{64}$/.test(o.sha256 as string)) throw new Error(`${file}: files[${i}]: field "sha256" is not 64 hex digits`);
    if (typeof o.bytes !== 'number') throw new Error(`${file}: files[${i}]: field "bytes" missing`);
    return o as unknown as ManifestEntry;
  });
}

/** The pinned upstream URL of a manifest entry. */
export function upstreamUrl(e: ManifestEntry): string {
  return `https://raw.githubusercontent.com/${e.repo}/${e.commit}/${e.path}`;
}

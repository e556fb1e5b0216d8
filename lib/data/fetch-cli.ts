/**
 * `npm run data`: fetch every manifest file into dataDir() (env DATA_DIR, default
 * data/external/), from DATA_MIRROR when set, else from GitHub; verify sha256. Exit code 1
 * when any file failed (each failure names the file).
 */
import { dataDir } from '../util/fs';
import { fetchData, mirrorDir } from './fetch';

async function main(): Promise<void> {
  const mirror = mirrorDir();
  console.log(`data: into ${dataDir()}${mirror ? ` (mirror ${mirror})` : ' (no DATA_MIRROR: downloading from GitHub)'}`);
  const res = await fetchData({});
  const count = (s: string): number => res.filter((r) => r.status === s).length;
  const failed = count('failed');
  console.log(`data: ${res.length} files: ${count('ok (cached)')} cached, ${count('copied')} copied, ${count('downloaded')} downloaded, ${failed} failed`);
  if (failed > 0) {
    for (const r of res) if (r.error) console.error(`error: ${r.error}`);
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  console.error(`data: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});

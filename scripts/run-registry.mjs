/**
 * Records of long-running processes started by this project (Jupyter servers, kernels,
 * headless browsers), so that a later start can end the ones a killed run left behind.
 *
 * A run writes `.run/<kind>-<tag>.json` with its own pid (the owner) and any pids it started,
 * and starts its children with `ADAPTIVE_RUN_TAGS=<...,tag>` in their environment (kernels and
 * browser helpers inherit it). `cleanStale()` looks at every record whose owner is gone and ends
 * the recorded pids and, on Linux, every process of this user whose environment carries that
 * tag; nothing else is touched (no search by process name).
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import os from 'node:os';
import { PROJECT_ROOT } from './setup-kernel.mjs';

export const TAGS_VAR = 'ADAPTIVE_RUN_TAGS';

function runDir(root) {
  return path.join(root, '.run');
}

/** Start time of a process in clock ticks since boot (Linux), or null. Guards against pid reuse. */
function startTime(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22, counted after the ")" that closes the command name.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

function alive(pid, start) {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if (e.code !== 'EPERM') return false;
  }
  // A killed process whose parent never reaps it stays as a zombie: it is gone for our purpose.
  if (zombie(pid)) return false;
  if (start == null || process.platform !== 'linux') return true;
  return startTime(pid) === start;
}

/** Pids (other than ours) whose environment has `tag` in ADAPTIVE_RUN_TAGS. Linux only. */
export function taggedPids(tag) {
  if (process.platform !== 'linux') return [];
  const found = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    if (pid === process.pid) continue;
    let env;
    try {
      env = fs.readFileSync(`/proc/${pid}/environ`, 'utf8');
    } catch {
      continue; // another user's process, or already gone
    }
    const entry = env.split('\0').find((kv) => kv.startsWith(TAGS_VAR + '='));
    if (entry && entry.slice(TAGS_VAR.length + 1).split(',').includes(tag)) found.push(pid);
  }
  return found;
}

/** Environment for children of a run: adds `tag` to ADAPTIVE_RUN_TAGS. */
export function taggedEnv(env, tag) {
  const tags = (env[TAGS_VAR] || '').split(',').filter(Boolean);
  return { ...env, [TAGS_VAR]: [...tags, tag].join(',') };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Send SIGTERM, wait up to `graceMs`, then SIGKILL whatever is left. Returns how many were signalled. */
export async function endProcesses(pids, graceMs = 3000) {
  const targets = [...new Set(pids)].filter((p) => p !== process.pid && alive(p, null));
  for (const p of targets) {
    try {
      process.kill(p, 'SIGTERM');
    } catch {
      /* gone */
    }
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && targets.some((p) => alive(p, null))) await sleep(100);
  for (const p of targets) {
    if (alive(p, null)) {
      try {
        process.kill(p, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  }
  return targets.length;
}

function zombie(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

/**
 * Record a run owned by this process. `kind` names it (`lab`, `uitest`).
 * @returns {{ tag: string, file: string, addPid(pid: number): void, addTempDir(dir: string): void, release(): void }}
 */
export function registerRun(kind, root = PROJECT_ROOT) {
  const tag = `${kind}-${crypto.randomBytes(6).toString('hex')}`;
  const dir = runDir(root);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${tag}.json`);
  const record = { kind, tag, owner: process.pid, ownerStart: startTime(process.pid), pids: [], tempDirs: [] };
  const save = () => {
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(record, null, 2) + '\n');
    fs.renameSync(tmp, file);
  };
  save();
  return {
    tag,
    file,
    addPid(pid) {
      record.pids.push({ pid, start: startTime(pid) });
      save();
    },
    /** A temporary folder (under the OS temp dir) to delete if this run dies before cleaning up. */
    addTempDir(dir) {
      record.tempDirs.push(dir);
      save();
    },
    release() {
      fs.rmSync(file, { force: true });
    },
  };
}

/**
 * End processes left by runs whose owner has died; remove their records.
 * @returns {Promise<number>} how many processes were signalled
 */
export async function cleanStale(root = PROJECT_ROOT, log = (m) => process.stderr.write(m + '\n')) {
  const dir = runDir(root);
  if (!fs.existsSync(dir)) return 0;
  let ended = 0;
  for (const name of fs.readdirSync(dir)) {
    if (!name.endsWith('.json')) continue;
    const file = path.join(dir, name);
    let rec;
    try {
      rec = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch {
      fs.rmSync(file, { force: true });
      continue;
    }
    if (alive(rec.owner, rec.ownerStart)) continue;
    const pids = (rec.pids || []).filter((p) => alive(p.pid, p.start)).map((p) => p.pid);
    pids.push(...taggedPids(rec.tag));
    if (pids.length) {
      log(`Ending ${new Set(pids).size} process(es) left by an earlier ${rec.kind} run (${rec.tag}).`);
      ended += await endProcesses(pids);
    }
    const tmpRoot = fs.realpathSync(os.tmpdir()) + path.sep;
    for (const dir of rec.tempDirs || []) {
      if (path.resolve(dir).startsWith(tmpRoot)) fs.rmSync(dir, { recursive: true, force: true });
    }
    fs.rmSync(file, { force: true });
  }
  return ended;
}

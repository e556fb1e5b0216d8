#!/usr/bin/env node
/**
 * `npm run lab`: a Jupyter Notebook server for this project, on 127.0.0.1 with a random token,
 * the project's tslab kernel and the project root as notebook folder (so `notebooks/` and
 * `/files/figures/...` are both served). Prints the URL of `notebooks/`; Ctrl-C stops it
 * together with its kernels.
 *
 *   node scripts/lab.mjs [--port N]      N = 0 picks a free port; default 8888 (or a free one if busy)
 *
 * Before starting it ends processes left by an earlier lab or UI test that was killed
 * (recorded under .run/, see run-registry.mjs). `startLab()` is the same thing as a function.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawn } from 'node:child_process';
import { PROJECT_ROOT, jupyterEnv } from './setup-kernel.mjs';
import { jupyterVersion, installHint } from './jupyter.mjs';
import { registerRun, cleanStale, taggedEnv, taggedPids, endProcesses } from './run-registry.mjs';

const DEFAULT_PORT = 8888;

function portFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** A port the OS says is free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Start the server and wait until it answers.
 * @param {{ port?: number, root?: string, env?: NodeJS.ProcessEnv, log?: (s: string) => void }} [o]
 * @returns {Promise<{ url: string, base: string, port: number, token: string, pid: number, stop(): Promise<void>, exited: Promise<number|null> }>}
 */
export async function startLab(o = {}) {
  const root = o.root ?? PROJECT_ROOT;
  const log = o.log ?? ((s) => process.stderr.write(s));
  await cleanStale(root, (m) => log(m + '\n'));
  const version = jupyterVersion('notebook');
  if (!version) {
    const err = new Error(`\`jupyter notebook\` was not found (Jupyter Notebook is not installed or not on PATH).\n${installHint(true)}`);
    err.code = 'NO_JUPYTER';
    throw err;
  }
  if (!fs.existsSync(path.join(root, 'dist', 'index.js'))) {
    log(`warning: ${path.join(root, 'dist')} is missing; notebooks import it: run \`npm run build\` (or \`npm run build -- --watch\`).\n`);
  }
  let port = o.port ?? DEFAULT_PORT;
  if (port === 0) port = await freePort();
  else if (!(await portFree(port))) {
    const other = await freePort();
    log(`port ${port} is busy, using ${other}\n`);
    port = other;
  }
  const token = crypto.randomBytes(24).toString('hex');
  const major = Number(version.split('.')[0]);
  // Notebook 7 runs on jupyter_server (ServerApp); classic Notebook 6 has its own NotebookApp.
  const app = major >= 7 ? 'ServerApp' : 'NotebookApp';
  const run = registerRun('lab', root);
  // The token goes through the environment, not the command line (other users can read `ps`).
  const env = taggedEnv(jupyterEnv({ ...(o.env ?? {}), JUPYTER_TOKEN: token }, root), run.tag);
  const args = [
    'notebook',
    '--no-browser',
    `--${app}.ip=127.0.0.1`,
    `--${app}.port=${port}`,
    `--${app}.port_retries=0`,
    `--${app}.notebook_dir=${root}`,
    // Containers and CI often run as root; Jupyter refuses that without this flag.
    ...(process.getuid?.() === 0 ? ['--allow-root'] : []),
  ];
  // Own process group: Ctrl-C in the terminal reaches us, and we shut the server down in order.
  const child = spawn('jupyter', args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  run.addPid(child.pid);
  const recent = [];
  const keep = (chunk) => {
    for (const line of String(chunk).split('\n')) if (line) recent.push(line);
    while (recent.length > 60) recent.shift();
  };
  let ready = false;
  const forward = (chunk) => {
    keep(chunk);
    if (ready && o.quietServer !== true) log(String(chunk).replaceAll(token, '<token>'));
  };
  child.stdout.on('data', forward);
  child.stderr.on('data', forward);
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  let gone = false;
  exited.then(() => (gone = true));

  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while (!ready) {
    if (gone) {
      run.release();
      throw new Error(`Jupyter exited before it was ready:\n${recent.join('\n')}`);
    }
    if (Date.now() > deadline) {
      await stopServer(child, exited, run);
      throw new Error(`Jupyter did not answer on ${base} within 90 s:\n${recent.join('\n')}`);
    }
    try {
      const r = await fetch(`${base}/api/status?token=${token}`);
      if (r.ok) ready = true;
    } catch {
      /* not listening yet */
    }
    if (!ready) await sleep(250);
  }
  let stopping = null;
  return {
    url: `${base}/tree/notebooks?token=${token}`,
    base,
    port,
    token,
    pid: child.pid,
    tag: run.tag,
    exited,
    stop() {
      stopping ??= stopServer(child, exited, run);
      return stopping;
    },
  };
}

/** SIGTERM makes the server shut its kernels down; anything still tagged after that is ended. */
async function stopServer(child, exited, run) {
  if (child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(child.pid, 'SIGTERM');
    } catch {
      /* gone */
    }
    const timer = sleep(15_000).then(() => 'timeout');
    if ((await Promise.race([exited, timer])) === 'timeout') {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  }
  await endProcesses(taggedPids(run.tag), 3000);
  run.release();
}

async function main(argv) {
  let port = DEFAULT_PORT;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--port') port = Number(argv[++i]);
    else if (argv[i] === '--random-port') port = 0;
    else if (argv[i] === '--help' || argv[i] === '-h') {
      process.stdout.write('usage: npm run lab -- [--port N | --random-port]\n');
      return 0;
    } else {
      process.stderr.write(`lab: unknown argument ${argv[i]}\n`);
      return 2;
    }
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write('lab: --port needs an integer 0..65535\n');
    return 2;
  }
  let lab;
  try {
    lab = await startLab({ port });
  } catch (e) {
    process.stderr.write(`npm run lab: ${e.message}\n`);
    return 1;
  }
  process.stdout.write(`Jupyter is running with the project's TypeScript (tslab) kernel:\n  ${lab.url}\nPress Ctrl-C to stop.\n`);
  let signalled = false;
  const onSignal = async (sig) => {
    if (signalled) return;
    signalled = true;
    process.stderr.write(`\n${sig}: stopping Jupyter and its kernels...\n`);
    await lab.stop();
    process.stderr.write('stopped.\n');
    process.exit(0);
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => onSignal(sig));
  const code = await lab.exited;
  if (!signalled) {
    await lab.stop();
    process.stderr.write(`Jupyter exited (${code}).\n`);
    return code ?? 1;
  }
  return new Promise(() => {}); // onSignal exits
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) main(process.argv.slice(2)).then((code) => process.exit(code));

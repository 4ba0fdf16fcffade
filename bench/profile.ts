/**
 * `npm run bench:profile`: a CPU profile (`node --cpu-prof`) of the app while ↓ is pressed 100
 * times, 50 ms apart, on a 1,000-movie server table (↓ runs no query, so the table's size does
 * not matter), printed as the functions with the most self time and their share of the busy
 * (not idle) time. Only the keys' window counts: start-up and MikroORM's background load are
 * before it. BENCH_DATABASE_URL names the server, as in run.ts. The bundle is built with
 * readable names (BUNDLE_KEEP_NAMES=1) for this.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { writeCsv } from './data.js';
import { launch, selectedTitle } from './screen.js';

const ROOT = resolve(import.meta.dirname, '../..');
// PROFILE_CLI: another build's cli.js (an older commit's, for a before and after).
const CLI = process.env.PROFILE_CLI ?? join(ROOT, 'dist/bundle/cli.js');
const ADMIN = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const PRESSES = Number(process.env.PROFILE_PRESSES ?? 100);
/** PROFILE_KEY=pgdn profiles PgDn instead of ↓. */
const [KEY_NAME, KEY_BYTES] = process.env.PROFILE_KEY === 'pgdn' ? ['PgDn', '\x1b[6~'] : ['↓', '\x1b[B'];

interface Node {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: ADMIN });
  await c.connect();
  await c.query(sql).finally(() => c.end());
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'movies-tui-profile-'));
  const name = `movies_tui_profile_${process.pid}`;
  const url = new URL(ADMIN);
  url.pathname = `/${name}`;
  const env = { ...process.env, DATABASE_URL: url.toString(), HOME: work };
  await admin(`create database ${name}`);
  try {
    const { execFileSync } = await import('node:child_process');
    execFileSync(process.execPath, [CLI, 'migrate', 'up'], { env });
    await writeCsv(join(work, 'movies.csv'), Number(process.env.PROFILE_ROWS ?? 1000));
    execFileSync(process.execPath, [CLI, 'import', join(work, 'movies.csv')], { env });
    const profDir = join(work, 'prof');
    const app = launch(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profDir}`, CLI], env, work, 100, 30);
    await app.until((s) => s.includes('› '), 'the first rows');
    await new Promise((r) => setTimeout(r, 6000)); // MikroORM loads in the background: not the keys' work
    const started = performance.now();
    for (let i = 0; i < PRESSES; i++) {
      const before = selectedTitle(app.text());
      await app.key(KEY_BYTES, (s) => selectedTitle(s) !== before, KEY_NAME);
      await new Promise((r) => setTimeout(r, 50));
    }
    const keysMs = performance.now() - started;
    process.stdout.write(`peak RSS ${Math.round(Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${app.pid}/status`, 'utf8'))?.[1]) / 1024)} MB\n`);
    app.key('q', () => true, 'q').catch(() => {});
    await new Promise((r) => setTimeout(r, 3000));
    await app.kill();
    const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error('no profile was written');
    report(JSON.parse(readFileSync(join(profDir, file), 'utf8')), keysMs);
  } finally {
    await admin(`drop database if exists ${name} with (force)`);
    rmSync(work, { recursive: true, force: true });
  }
}

/** Self time by function over the keys' window, as a share of the busy time. */
function report(profile: { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }, keysMs: number) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, Node>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n);
  const name = (n: Node | undefined) => (n ? `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}` : '(root)');
  const callers = new Map<string, Map<string, number>>();
  // Only the last keysMs of the profile (the keys, then q and the exit: about 3 s of it idle).
  const total = profile.timeDeltas.reduce((a, b) => a + b, 0);
  const from = total - (keysMs + 3000) * 1000;
  const self = new Map<string, number>();
  let busy = 0;
  let at = 0;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i]!;
    if (at < from) return;
    const node = byId.get(id)!;
    const fn = node.callFrame.functionName || '(anonymous)';
    if (fn === '(idle)' || fn === '(program)') return;
    const key = name(node);
    const dt = profile.timeDeltas[i]! / 1000;
    const by = callers.get(key) ?? new Map<string, number>();
    callers.set(key, by);
    const caller = name(parent.get(node.id));
    by.set(caller, (by.get(caller) ?? 0) + dt);
    self.set(key, (self.get(key) ?? 0) + dt);
    busy += dt;
  });
  const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12);
  process.stdout.write(`${PRESSES} ${KEY_NAME} in ${Math.round(keysMs)} ms; busy ${Math.round(busy)} ms (${(busy / PRESSES).toFixed(1)} ms a key)\n`);
  for (const [key, ms] of top) {
    process.stdout.write(`${((100 * ms) / busy).toFixed(1).padStart(5)} %  ${ms.toFixed(0).padStart(5)} ms  ${key}\n`);
    const main = [...callers.get(key)!.entries()].sort((a, b) => b[1] - a[1]).slice(0, 2);
    process.stdout.write(`          called from ${main.map(([c, t]) => `${c} (${Math.round((100 * t) / ms)} %)`).join(', ')}\n`);
  }
}

await main();

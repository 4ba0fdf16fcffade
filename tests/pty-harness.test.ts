// Proves the pty harness on tiny `node -e` programs, so the movies UI tests can trust it.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { childPids, keys, ptyPython, shellQuote, spawnPty, spawnWrapped, type PtyApp } from './support/pty.js';
import { RELAY } from './support/ptyProcess.js';

const apps: PtyApp[] = [];
afterEach(() => {
  for (const app of apps.splice(0)) app.kill('SIGKILL');
});

/** Runs a Node script (written with String.raw so `\x1b` reaches node as an escape) in a pty. */
function node(script: string, options: Parameters<typeof spawnPty>[2] = {}, ...args: string[]): PtyApp {
  const app = spawnPty(process.execPath, ['-e', script, ...args], options);
  apps.push(app);
  return app;
}

// Echoes every read from a raw-mode stdin as `#n <hex of the bytes>` (hex, because DEL and
// friends would be invisible on screen); 'q' quits.
// With argument "appcursor" it first enables application cursor keys (DECCKM).
const ECHO_KEYS = String.raw`
  if (process.argv[1] === 'appcursor') process.stdout.write('\x1b[?1h');
  process.stdin.setRawMode(true);
  let n = 0;
  console.log('ready');
  process.stdin.on('data', (d) => {
    console.log('#' + ++n + ' ' + d.toString('hex'));
    if (d.toString() === 'q') process.exit(0);
  });
`;

// A full-screen program in miniature: alternate screen, hidden cursor, raw mode; the first key
// either restores everything and exits ("clean") or dies by SIGKILL leaving it all behind.
const FULL_SCREEN = String.raw`
  const out = (s) => process.stdout.write(s);
  console.log('shell prompt line');
  out('\x1b[?1049h\x1b[?25l\x1b[2J\x1b[1;1Hmenu\x1b[5;10Happ running');
  process.stdin.setRawMode(true);
  process.stdin.once('data', () => {
    if (process.argv[1] === 'crash') process.kill(process.pid, 'SIGKILL');
    process.stdin.setRawMode(false);
    out('\x1b[?25h\x1b[?1049l');
    process.exit(0);
  });
`;

describe('screen', () => {
  it('shows text where the program positioned it, on the alternate screen with the cursor hidden', async () => {
    const app = node(FULL_SCREEN);
    await app.waitFor('app running');
    const lines = app.screen().split('\n');
    expect(lines).toHaveLength(24);
    expect(lines[0]).toBe('menu');
    expect(lines[4]).toBe(' '.repeat(9) + 'app running');
    expect(app.inAlternateScreen()).toBe(true);
    expect(app.cursorVisible()).toBe(false);
    expect(app.output()).toContain('\x1b[?1049h');

    await app.press('q');
    expect((await app.exited).exitCode).toBe(0);
    // Back on the normal screen: the earlier line is there again, the full-screen text is not.
    expect(app.inAlternateScreen()).toBe(false);
    expect(app.cursorVisible()).toBe(true);
    expect(app.screen()).toContain('shell prompt line');
    expect(app.screen()).not.toContain('app running');
  });

  it('runs the program with CI=false and TERM=xterm-256color whatever env is given', async () => {
    const app = node(`console.log('env', process.env.CI, process.env.TERM, process.stdout.isTTY)`, {
      env: { ...process.env, CI: 'true', TERM: 'dumb' },
    });
    await app.exited;
    expect(app.screen()).toContain('env false xterm-256color true');
  });

  it('resizes both the pty (the program gets SIGWINCH) and the emulated screen', async () => {
    const app = node(String.raw`
      const show = () => {
        const { columns, rows } = process.stdout;
        process.stdout.write('size ' + columns + 'x' + rows + '\n' + '='.repeat(columns) + '\n');
      };
      show();
      process.stdout.on('resize', show);
      setInterval(() => {}, 1000);
    `);
    await app.waitFor('size 80x24');
    app.resize(100, 30);
    // A 100-wide rule stays on one row only if xterm is 100 wide too.
    await app.waitFor(`size 100x30\n${'='.repeat(100)}\n`);
    expect(app.screen().split('\n')).toHaveLength(30);
  });

  it('answers terminal queries, as a real terminal does (cursor position report)', async () => {
    const app = node(String.raw`
      process.stdin.setRawMode(true);
      process.stdout.write('\x1b[5;3H\x1b[6n');
      process.stdin.once('data', (d) => { console.log('\nreply ' + JSON.stringify(d.toString())); process.exit(0); });
    `);
    await app.waitFor(`reply ${JSON.stringify('\x1b[5;3R')}`);
  });
});

describe('keys', () => {
  // Written out independently of the harness: what xterm sends with default settings.
  const xtermBytes: Record<string, string> = {
    up: '\x1b[A', down: '\x1b[B', pageUp: '\x1b[5~', pageDown: '\x1b[6~', home: '\x1b[H', end: '\x1b[F',
    tab: '\t', shiftTab: '\x1b[Z', enter: '\r', escape: '\x1b', backspace: '\x7f', space: ' ',
    ctrlC: '\x03', ctrlS: '\x13', ctrlN: '\x0e', ctrlX: '\x18', altUp: '\x1b[1;3A', altDown: '\x1b[1;3B',
  };

  it('maps key names to the byte sequences an xterm sends', () => {
    expect(keys).toMatchObject(xtermBytes);
  });

  const hex = (s: string) => Buffer.from(s).toString('hex');

  it('delivers each named key and typed text to a raw-mode program byte for byte, one read per key', async () => {
    const app = node(ECHO_KEYS);
    await app.waitFor('ready');
    let n = 0;
    for (const [name, bytes] of Object.entries(xtermBytes)) {
      await app.press(name);
      await app.waitFor(`#${++n} ${hex(bytes)}\n`);
    }
    await app.type('hé');
    await app.waitFor(`#${++n} ${hex('h')}\n`);
    await app.waitFor(`#${++n} ${hex('é')}\n`); // UTF-8, c3a9
    await app.press('q');
    expect((await app.exited).exitCode).toBe(0);
  });

  it('sends arrows in SS3 form once the program turns on application cursor keys', async () => {
    const app = node(ECHO_KEYS, {}, 'appcursor');
    await app.waitFor('ready');
    await app.press('up', 'down');
    await app.waitFor(`#1 ${hex('\x1bOA')}\n#2 ${hex('\x1bOB')}\n`);
  });
});

describe('waiting', () => {
  it('waitForGone resolves once text disappears; waitFor accepts a regex', async () => {
    const app = node(String.raw`
      console.log('loading...');
      setTimeout(() => process.stdout.write('\x1b[2J\x1b[Hdone: 42 movies'), 300);
      setInterval(() => {}, 1000);
    `);
    await app.waitFor('loading...');
    await app.waitForGone('loading...');
    expect(app.screen()).not.toContain('loading...');
    await app.waitFor(/done: \d+ movies/);
  });

  it('rejects on timeout with the current screen in the error', async () => {
    const app = node(`console.log('alpha'); setInterval(() => {}, 1000)`);
    await app.waitFor('alpha');
    await expect(app.waitFor('omega', 300)).rejects.toThrow(/waitFor\("omega"\): timed out after 300 ms[\s\S]*\|alpha/);
    await expect(app.waitForGone(/alp/, 300)).rejects.toThrow(/timed out/);
  });

  it('rejects as soon as the program has exited without showing the text', async () => {
    const app = node(`console.log('bye')`);
    const started = Date.now();
    await expect(app.waitFor('never shown', 10_000)).rejects.toThrow(/the program exited[\s\S]*\|bye/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('terminal restored after exit (spawnWrapped)', () => {
  const wrapped = (...args: string[]) => {
    const app = spawnWrapped(shellQuote([process.execPath, '-e', FULL_SCREEN, ...args]));
    apps.push(app);
    return app;
  };

  it('finds tty settings, screen and cursor as they were when the program restores them', async () => {
    const app = wrapped();
    await app.waitFor('app running');
    expect(app.sttyBefore()).toMatch(/^[0-9a-f:]+$/);
    await app.press('q');
    await app.exited;
    expect(app.appExitCode()).toBe(0);
    expect(app.sttyAfter()).toBe(app.sttyBefore());
    expect(app.inAlternateScreen()).toBe(false);
    expect(app.cursorVisible()).toBe(true);
    expect(app.screen()).toContain('[exit 0]');
  });

  it('detects raw mode, the alternate screen and a hidden cursor left behind by a crash', async () => {
    const app = wrapped('crash');
    await app.waitFor('app running');
    await app.press('q');
    await app.exited;
    expect(app.appExitCode()).toBe(128 + 9);
    expect(app.sttyAfter()).toBeDefined();
    expect(app.sttyAfter()).not.toBe(app.sttyBefore());
    expect(app.inAlternateScreen()).toBe(true);
    expect(app.cursorVisible()).toBe(false);
  });
});

describe('the pty backend (Python relay, no native module)', () => {
  it('reports each resize to the program as SIGWINCH with the new size already set', async () => {
    // Touching process.stdout first installs Node's own SIGWINCH listener (it refreshes the size) ahead of ours.
    const app = node(String.raw`
      const out = process.stdout;
      process.on('SIGWINCH', () => console.log('SIGWINCH ' + out.getWindowSize().join('x')));
      console.log('ready');
      setInterval(() => {}, 1000);
    `);
    await app.waitFor('ready');
    app.resize(100, 30);
    await app.waitFor('SIGWINCH 100x30');
    app.resize(60, 20);
    await app.waitFor('SIGWINCH 60x20');
  });

  it('starts the program at the size asked for', async () => {
    const app = node(`console.log('size ' + process.stdout.getWindowSize().join('x'))`, { cols: 132, rows: 43 });
    await app.exited;
    expect(app.screen()).toContain('size 132x43');
  });

  it('reports the exit code, and the signal (exit code 128+N) when one killed the program', async () => {
    expect(await node(`process.exit(3)`).exited).toEqual({ exitCode: 3 });

    const app = node(`console.log('ready'); setInterval(() => {}, 1000)`);
    await app.waitFor('ready');
    app.kill('SIGTERM');
    expect(await app.exited).toEqual({ exitCode: 143, signal: 15 });
  });

  it('kill() sends SIGHUP by default, and the program killed by it reports signal 1', async () => {
    const app = node(`console.log('ready'); setInterval(() => {}, 1000)`);
    await app.waitFor('ready');
    app.kill();
    expect(await app.exited).toEqual({ exitCode: 129, signal: 1 });
  });

  it('pid is the program itself, and the harness is not one of its children', async () => {
    const app = node(`console.log('pid ' + process.pid + ' ppid ' + process.ppid); setInterval(() => {}, 1000)`);
    await app.waitFor(/pid \d+ ppid \d+/);
    const [, pid, ppid] = /pid (\d+) ppid (\d+)/.exec(app.screen())!;
    expect(Number(pid)).toBe(app.pid);
    expect(Number(ppid)).toBe(process.pid);
    expect(childPids(app.pid)).toEqual([]);
  });

  it('hangUp() closes the terminal under the program: it gets SIGHUP and its input ends', async () => {
    // Default SIGHUP action: the program dies of it.
    const plain = node(`console.log('ready'); process.stdin.resume()`);
    await plain.waitFor('ready');
    plain.hangUp();
    expect(await plain.exited).toEqual({ exitCode: 129, signal: 1 });

    // A program that catches SIGHUP sees it, then its terminal input end; it writes to a file
    // because its screen is gone. (A shell: Node itself may abort on a hung-up raw-mode tty.)
    const log = join(mkdtempSync(join(tmpdir(), 'pty-hup-')), 'log');
    const app = spawnPty('/bin/sh', ['-c', `trap 'echo SIGHUP >> "$0"' HUP; echo ready; read line; echo "read ended $?" >> "$0"; exit 7`, log]);
    apps.push(app);
    await app.waitFor('ready');
    app.hangUp();
    expect(await app.exited).toEqual({ exitCode: 7 });
    expect(readFileSync(log, 'utf8')).toMatch(/^SIGHUP\nread ended [1-9]\d*\n$/);
  });

  it('when the test process itself dies, its program gets SIGHUP and is not left running', async () => {
    // A stand-in test process that starts the relay the way ptyProcess.ts does, then is SIGKILLed.
    const harness = spawn(process.execPath, ['-e', String.raw`
      const { spawn } = require('node:child_process');
      const [python, relay, node] = process.argv.slice(1);
      const child = spawn(python, ['-I', relay, '80', '24', node, '-e', 'console.log("ready"); setInterval(() => {}, 1000)'], { stdio: ['pipe', 'pipe', 'inherit', 'pipe'] });
      child.stdio[3].write(JSON.stringify(process.env) + '\n');
      child.stdout.once('data', () => console.log(child.pid)); // the program is running
      setInterval(() => {}, 1000);
    `, ptyPython(), RELAY, process.execPath], { stdio: ['ignore', 'pipe', 'inherit'] });
    const pid = Number(await new Promise<string>((resolve) => harness.stdout!.once('data', (d) => resolve(String(d)))));
    expect(alive(pid)).toBe(true);
    harness.kill('SIGKILL');
    const deadline = Date.now() + 5_000;
    while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(alive(pid)).toBe(false);
  });

  it('passes the environment exactly as given (plus CI, CONTINUOUS_INTEGRATION and TERM)', async () => {
    const env = { PATH: process.env.PATH, MOVIES_TUI_X: 'a b', LANG: 'C' };
    const app = node(`console.log(Object.keys(process.env).sort().join(','))`, { env });
    await app.exited;
    expect(app.screen()).toContain('CI,CONTINUOUS_INTEGRATION,LANG,MOVIES_TUI_X,PATH,TERM\n');
  });

  it('runs the program with default signal handling (SIGPIPE not inherited as ignored)', async () => {
    const app = spawnPty('/bin/sh', ['-c', `grep -E '^Sig(Ign|Blk):' /proc/self/status`]);
    apps.push(app);
    await app.exited;
    expect(app.screen()).toMatch(/SigBlk:\s+0+\nSigIgn:\s+0+\n/);
  });

  it('takes a 1 MB paste whole while the program writes a line per read (no deadlock between the directions)', async () => {
    const app = node(String.raw`
      process.stdin.setRawMode(true);
      let n = 0;
      console.log('ready');
      process.stdin.on('data', (d) => {
        n += d.length;
        console.log('got ' + n + ' ' + 'x'.repeat(200));
        if (n >= 1000000) { console.log('all ' + n); process.exit(0); }
      });
    `);
    await app.waitFor('ready');
    await app.press('y'.repeat(1_000_000));
    expect(await app.exited).toEqual({ exitCode: 0 });
    expect(app.screen()).toContain('all 1000000');
  });

  it('reports a program that cannot be started like a shell does (127, with the reason on screen)', async () => {
    const app = spawnPty('/no/such/program', []);
    apps.push(app);
    expect(await app.exited).toEqual({ exitCode: 127 });
    expect(app.screen()).toContain('cannot run /no/such/program: No such file or directory');
  });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie still answers signal 0: look at its state.
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

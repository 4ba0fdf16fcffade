// Proves the pty harness on tiny `node -e` programs, so the movies UI tests can trust it.
import { afterEach, describe, expect, it } from 'vitest';
import { keys, shellQuote, spawnPty, spawnWrapped, type PtyApp } from './support/pty.js';

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

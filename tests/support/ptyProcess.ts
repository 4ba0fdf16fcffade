// A program in a real pseudo-terminal without a native Node module: Python's standard library
// opens the pty and relays bytes over pipes (pty-relay.py says how). Python 3 is on every Linux
// and macOS developer machine, while node-pty has to compile at install time.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The relay script, found from this file in tests/support or compiled into dist/tests/support (bench). */
export const RELAY = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'tests/support/pty-relay.py');
})();
const CHECK = 'import fcntl, json, os, select, signal, struct, sys, termios; os.openpty(); print(sys.executable)';

/**
 * The Python interpreter that can run the relay (its real path, so no pyenv-style shim runs on each
 * spawn), or why there is none. `PTY_PYTHON` names another interpreter than `python3`.
 */
export function findPtyPython(): { python: string } | { problem: string } {
  const candidate = process.env.PTY_PYTHON || 'python3';
  try {
    const out = execFileSync(candidate, ['-I', '-c', CHECK], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 10_000 });
    return { python: out.trim() || candidate };
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    const detail = e.code === 'ENOENT' ? 'not found on PATH' : (e.stderr?.trim().split('\n').pop() ?? e.message);
    return { problem: `${candidate}: ${detail}` };
  }
}

export interface PtyExit {
  /** The program's exit status; 128+N when signal N killed it, as a shell reports it. */
  exitCode: number;
  /** The signal number that killed it, if one did. */
  signal?: number;
}

export interface PtyProcess {
  /** The program's own pid (the relay execs it), for signals. */
  readonly pid: number;
  onData(listener: (text: string) => void): void;
  /** Called once the program has exited and everything it wrote has been passed to onData. */
  onExit(listener: (e: PtyExit) => void): void;
  write(data: string): void;
  resize(cols: number, rows: number): void;
  kill(signal: NodeJS.Signals): void;
  /** Closes the terminal (the master side), as closing a terminal window does. */
  hangUp(): void;
}

export function spawnPtyProcess(
  python: string,
  command: string,
  args: string[],
  options: { cols: number; rows: number; cwd: string; env: NodeJS.ProcessEnv },
): PtyProcess {
  const child = spawn(python, ['-I', RELAY, String(options.cols), String(options.rows), command, ...args], {
    cwd: options.cwd,
    env: options.env,
    // stdin: keys; stdout: the screen's bytes; stderr: the relay's own errors; fd 3: control.
    stdio: ['pipe', 'pipe', 'inherit', 'pipe'],
  });
  if (child.pid === undefined) {
    // Never hand out a made-up pid: a test may signal it (and -1 or 0 would reach other processes).
    child.on('error', () => {});
    throw new Error(`pty: cannot start ${python} (does the directory ${options.cwd} exist?)`);
  }
  const input = child.stdin!;
  const output = child.stdout!;
  const control = child.stdio[3] as NodeJS.WritableStream & { on(e: 'error', l: () => void): void };
  // Once the relay is gone, writes fail with EPIPE: the caller already knows from onExit.
  input.on('error', () => {});
  control.on('error', () => {});
  // First line: the program's environment, passed exactly (see pty-relay.py).
  control.write(`${JSON.stringify(options.env)}\n`);
  output.setEncoding('utf8'); // decodes UTF-8 split across reads

  let exited = false;
  child.once('exit', () => {
    exited = true;
    // A background process may still hold the terminal: forward what is there and finish.
    control.write('exited\n');
  });
  const exit = new Promise<PtyExit>((resolve) => {
    // 'close' comes after 'exit' and after the relay closed stdout, so all output has been read.
    child.once('close', (code, signal) => {
      const number = signal ? constants.signals[signal] : undefined;
      resolve(number ? { exitCode: 128 + number, signal: number } : { exitCode: code ?? 1 });
    });
  });

  return {
    pid: child.pid,
    onData: (listener) => output.on('data', listener),
    onExit: (listener) => void exit.then(listener),
    write: (data) => void input.write(data),
    resize: (cols, rows) => void control.write(`resize ${cols} ${rows}\n`),
    kill: (signal) => {
      if (!exited) child.kill(signal);
    },
    hangUp: () => void control.write('hangup\n'),
  };
}

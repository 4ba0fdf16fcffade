/**
 * Closing what is open on every way out: normal exit, Ctrl+C, SIGTERM, a crash.
 * A clean close matters most for the embedded database (a checkpoint, the lock and
 * socket removed); if a second signal arrives or the process exits without waiting,
 * the synchronous fallback still removes the lock and socket.
 */
interface Closable {
  close(): Promise<void>;
  abandon(): void;
}

const open = new Set<Closable>();
let installed = false;

export function track(resource: Closable): () => void {
  installExitHandlers();
  open.add(resource);
  return () => open.delete(resource);
}

export async function closeAll(): Promise<void> {
  // Each stays in `open` until closed, so an exit that cannot wait any longer still abandons it.
  await Promise.allSettled([...open].map((r) => r.close().finally(() => open.delete(r))));
}

/** Call first thing: a signal that arrives while the database is still opening must also clean up. */
export function installExitHandlers(): void {
  if (installed) return;
  installed = true;
  process.on('exit', () => {
    for (const r of open) r.abandon();
  });
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.on(signal, () => {
      if (childInForeground && signal === 'SIGINT') return; // Ctrl+C belongs to the child (psql)
      if (shuttingDown !== undefined) {
        // A second Ctrl+C: do not wait any longer. (With a deadline the wait is short anyway, and
        // a closed terminal sends SIGHUP right after stdin ends: that must not cut the close short.)
        if (deadlineMs === undefined) process.exit(code);
        return;
      }
      shutdown(code);
    });
  }
}

let shuttingDown: number | undefined;
let childInForeground = false;
let deadlineMs: number | undefined;
const beforeShutdown: Array<() => void> = [];

/**
 * Ends the process with `code` once everything open is closed, waiting at most the close
 * deadline when one is set. The `onShutdown` hooks run at once (the app gives the terminal back).
 * A second call while shutting down changes nothing.
 */
export function shutdown(code: number): void {
  if (shuttingDown !== undefined) return;
  shuttingDown = code;
  const deadline = deadlineMs === undefined ? undefined : Date.now() + deadlineMs;
  // Closing starts first: the embedded database stops in its own thread while the hooks run here.
  const closed = closeAll().then(() => 'closed' as const);
  for (const hook of beforeShutdown) {
    try {
      hook();
    } catch {
      // the terminal may be gone; closing the database matters more
    }
  }
  if (deadline === undefined) {
    void closed.finally(() => process.exit(code));
    return;
  }
  const late = new Promise<'late'>((r) => setTimeout(() => r('late'), Math.max(0, deadline - Date.now())));
  void Promise.race([closed, late]).then((how) => (how === 'late' ? endNow(code) : process.exit(code)));
}

const SIGNAL_OF: Record<number, NodeJS.Signals> = { 129: 'SIGHUP', 130: 'SIGINT', 143: 'SIGTERM' };

/**
 * The close did not finish in time: what is still open is abandoned (the lock released; an
 * embedded database recovers on its next start as after a crash), and the process ends by its
 * signal's default action. process.exit would wait for the database's thread to finish what it
 * is doing (a checkpoint's writes, a long statement), which can take seconds.
 */
function endNow(code: number): never {
  for (const r of open) r.abandon();
  open.clear();
  const signal = SIGNAL_OF[code];
  if (signal) {
    process.removeAllListeners(signal); // Node gives the signal back its default action: the process ends
    process.kill(process.pid, signal);
  }
  process.exit(code);
}

/** The exit code of the shutdown under way, if one is. */
export const shutdownCode = (): number | undefined => shuttingDown;

/** Runs `hook` synchronously when a signal (or the app) starts the shutdown, as the closing begins. */
export function onShutdown(hook: () => void): () => void {
  beforeShutdown.push(hook);
  return () => void beforeShutdown.splice(beforeShutdown.indexOf(hook) >>> 0, 1);
}

/** The full-screen app must end promptly even while the database is busy: it closes for at most `ms`. */
export function setCloseDeadline(ms: number): void {
  deadlineMs = ms;
}

/** While a child such as psql owns the terminal, Ctrl+C is its business, not ours. */
export function setChildInForeground(value: boolean): void {
  childInForeground = value;
}

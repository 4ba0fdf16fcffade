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
  const all = [...open];
  open.clear();
  await Promise.allSettled(all.map((r) => r.close()));
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
      if (shuttingDown) process.exit(code); // second signal: do not wait any longer
      shuttingDown = true;
      void closeAll().finally(() => process.exit(code));
    });
  }
}

let shuttingDown = false;
let childInForeground = false;

/** While a child such as psql owns the terminal, Ctrl+C is its business, not ours. */
export function setChildInForeground(value: boolean): void {
  childInForeground = value;
}

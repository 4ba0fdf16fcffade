import { rememberSecret, scrubSecrets } from '../db/secrets.js';

/**
 * A password on the command line (`--database-url postgresql://u:pw@h/db`) is readable by every
 * user of the machine in `ps` and /proc/PID/cmdline for as long as the process runs. Node writes
 * process.title over the memory those come from (on Linux and macOS), so we put the masked
 * arguments there as early as we can, and say once, on stderr, where the password belongs.
 * Imported first by the entry point, so this runs before anything else is loaded.
 */
export function hideSecretArgs(argv: string[] = process.argv, stderr: NodeJS.WritableStream = process.stderr): void {
  const args = argv.slice(2);
  // Remembered, so that no message can show them even where it quotes them without the URL.
  args.forEach((a) => rememberSecret(a));
  const masked = args.map((a) => scrubSecrets(a));
  if (masked.every((a, i) => a === args[i])) return;
  process.title = ['movies-tui', ...masked].join(' ');
  stderr.write(
    'movies-tui: warning: a password on the command line is kept in your shell history and can be seen in ps while the app starts; ' +
      'put it in DATABASE_URL, PGPASSWORD or ~/.pgpass instead\n',
  );
}

hideSecretArgs();

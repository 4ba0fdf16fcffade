import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root, found from this compiled file (dist/src/db) or its source (src/db). */
export const packageRoot = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return resolve(dir);
})();

/** Migration sources; present only in a source checkout, not in the installed package. */
export const migrationsSourceDir = join(packageRoot, 'migrations');

/** True in a git clone with the TypeScript sources, where new migrations can be written. */
export function isSourceCheckout(): boolean {
  return existsSync(join(migrationsSourceDir, 'index.ts')) && existsSync(join(packageRoot, 'tsconfig.json'));
}

import { CONFIRM_KEYS, TYPED_KEYS } from './dialogs/keys.js';
import type { KeyTable } from './keyTable.js';
import { CONFLICT_KEYS } from './screens/conflict/keys.js';
import { DATA_KEYS, PATH_KEYS, REPORT_KEYS } from './screens/data/keys.js';
import { DATABASE_KEYS } from './screens/database/keys.js';
import { FORM_KEYS, PICKER_KEYS } from './screens/form/keys.js';
import { MESSAGE_KEYS, MIGRATIONS_KEYS } from './screens/migrations/keys.js';
import { MODEL_CHOICE_KEYS, MODEL_FORM_KEYS, MODEL_KEYS } from './screens/model/keys.js';
import { DETAILS_KEYS, MOVIES_KEYS, SEARCH_KEYS } from './screens/movies/keys.js';
import { GLOBAL_KEYS, HELP_KEYS } from './shell/keys.js';

export { keyLabel, keyName } from './keyTable.js';

/**
 * Every key table of the app, in the order the help overlay and the README list them. The
 * root key handler resolves keys through them; the footer and the help are generated from them.
 */
export const KEY_TABLES = [
  GLOBAL_KEYS,
  MOVIES_KEYS,
  SEARCH_KEYS,
  DETAILS_KEYS,
  FORM_KEYS,
  PICKER_KEYS,
  CONFLICT_KEYS,
  MIGRATIONS_KEYS,
  MESSAGE_KEYS,
  DATA_KEYS,
  PATH_KEYS,
  REPORT_KEYS,
  DATABASE_KEYS,
  MODEL_KEYS,
  MODEL_FORM_KEYS,
  MODEL_CHOICE_KEYS,
  CONFIRM_KEYS,
  TYPED_KEYS,
  HELP_KEYS,
] as const;

export type Scope = (typeof KEY_TABLES)[number]['scope'];
export type GlobalAction = keyof typeof GLOBAL_KEYS.actions;

/** One row of the tables, flattened: what the help, the footer and the README list. */
export interface Binding {
  scope: Scope;
  action: string;
  keys: readonly string[];
  hint?: string;
  help: string;
}

const tableOf = (scope: Scope): KeyTable => KEY_TABLES.find((t) => t.scope === scope)!;

export const BINDINGS: Binding[] = KEY_TABLES.flatMap((t: KeyTable) =>
  Object.entries(t.actions).map(([action, d]) => ({ scope: t.scope as Scope, action, keys: d.keys, help: d.help, hint: d.hint })),
);

export const SCOPE_TITLES = Object.fromEntries(KEY_TABLES.map((t) => [t.scope, t.title])) as Record<Scope, string>;

/** Scopes where plain keys are text being typed: global letters (q, ?, 1–4) must not fire there. */
export const TEXT_SCOPES: ReadonlySet<Scope> = new Set(KEY_TABLES.filter((t) => t.kind === 'text' || t.kind === 'text-dialog').map((t) => t.scope));

/**
 * Questions that hold the keyboard until answered: no global key (help, quit, switching
 * screens) works there but Ctrl+C, so the help can never cover one.
 */
export const DIALOG_SCOPES: ReadonlySet<Scope> = new Set(KEY_TABLES.filter((t) => t.kind === 'dialog' || t.kind === 'text-dialog').map((t) => t.scope));

/** Keys that mean the same wherever the user is, even in a dialog or the help. */
const ALWAYS = new Set(['ctrl+c', 'ctrl+z']);

/** The action a key triggers in a scope, falling back to the global bindings where plain keys are not text. */
export function resolve(scope: Scope, name: string): { scope: Scope; action: string } | undefined {
  const own = Object.entries(tableOf(scope).actions).find(([, d]) => d.keys.includes(name));
  if (own) return { scope, action: own[0] };
  if (DIALOG_SCOPES.has(scope) && !ALWAYS.has(name)) return undefined;
  if (TEXT_SCOPES.has(scope) && !name.startsWith('ctrl+')) return undefined;
  const global = Object.entries(GLOBAL_KEYS.actions).find(([, d]) => d.keys.includes(name));
  return global && { scope: 'global', action: global[0] };
}

export function hints(scope: Scope): string[] {
  return BINDINGS.filter((x) => x.scope === scope && x.hint).map((x) => x.hint!);
}

import type { KeyEvent } from './input/types.js';

/**
 * Every key binding of the app, in one table: the root key handler resolves keys
 * through it, and the footer and the help overlay are generated from it.
 */
export type Scope =
  | 'global'
  | 'movies'
  | 'search'
  | 'details'
  | 'form'
  | 'picker'
  | 'conflict'
  | 'migrations'
  | 'data'
  | 'path'
  | 'report'
  | 'database'
  | 'confirm'
  | 'typed'
  | 'help';

export interface Binding {
  scope: Scope;
  action: string;
  /** Key names as produced by keyName(): 'j', 'G', 'up', 'ctrl+s', 'shift+tab', 'space', … */
  keys: string[];
  /** Short text for the footer; bindings without one are listed only in the help overlay. */
  hint?: string;
  help: string;
}

export const SCOPE_TITLES: Record<Scope, string> = {
  global: 'Everywhere',
  movies: 'Movies',
  search: 'Search (typing)',
  details: 'Movie details',
  form: 'Add / edit form',
  picker: 'MPA rating picker',
  conflict: 'Conflict (someone else saved the movie meanwhile)',
  migrations: 'Migrations',
  data: 'Data (seed, import, export)',
  path: 'File name (typing)',
  report: 'Import report',
  database: 'Database',
  confirm: 'Confirm dialog',
  typed: 'Typed confirmation',
  help: 'This help',
};

/** Scopes where plain keys are text being typed: global letters (q, ?, 1–4) must not fire there. */
export const TEXT_SCOPES: ReadonlySet<Scope> = new Set(['search', 'form', 'picker', 'typed', 'path']);

/**
 * Questions that hold the keyboard until answered: no global key (help, quit, switching
 * screens) works there but Ctrl+C, so the help can never cover one.
 */
export const DIALOG_SCOPES: ReadonlySet<Scope> = new Set(['help', 'confirm', 'typed', 'report']);

const b = (scope: Scope, action: string, keys: string[], help: string, hint?: string): Binding => ({ scope, action, keys, help, hint });

export const BINDINGS: Binding[] = [
  b('global', 'quit', ['q', 'ctrl+c'], 'quit (Ctrl+C too; asks first if a form has changes)', 'q quit'),
  b('global', 'help', ['?'], 'show or hide this help', '? help'),
  b('global', 'nextScreen', ['tab'], 'next screen'),
  b('global', 'prevScreen', ['shift+tab'], 'previous screen'),
  b('global', 'screen1', ['1'], 'Movies screen'),
  b('global', 'screen2', ['2'], 'Migrations screen'),
  b('global', 'screen3', ['3'], 'Data screen (seed, import, export)'),
  b('global', 'screen4', ['4'], 'Database screen'),
  b('global', 'suspend', ['ctrl+z'], 'suspend to the shell (fg brings the app back)'),

  b('movies', 'up', ['up', 'k'], 'previous movie', '↑↓ move'),
  b('movies', 'down', ['down', 'j'], 'next movie'),
  b('movies', 'pageUp', ['pgup'], 'previous page'),
  b('movies', 'pageDown', ['pgdn'], 'next page'),
  b('movies', 'first', ['home', 'g'], 'first movie'),
  b('movies', 'last', ['end', 'G'], 'last movie'),
  b('movies', 'sort', ['s'], 'cycle the sort: title, year, id, each ascending then descending', 's sort'),
  b('movies', 'search', ['/'], 'search titles and directors as you type', '/ search'),
  b('movies', 'details', ['enter'], "show the selected movie's details", '⏎ details'),
  b('movies', 'add', ['a'], 'add a movie', 'a add'),
  b('movies', 'edit', ['e'], 'edit the selected movie', 'e edit'),
  b('movies', 'delete', ['d'], 'delete the selected movie (asks first)', 'd delete'),
  b('movies', 'reload', ['r'], 'reload from the database', 'r reload'),

  b('search', 'clear', ['esc'], 'clear the search and leave it', 'esc clear'),
  b('search', 'done', ['enter', 'down', 'up'], 'keep the search and go back to the list', '⏎ done'),

  b('details', 'close', ['esc', 'enter'], 'back to the list', 'esc back'),
  b('details', 'edit', ['e'], 'edit this movie', 'e edit'),
  b('details', 'delete', ['d'], 'delete this movie (asks first)', 'd delete'),

  b('form', 'next', ['tab', 'down'], 'next field', 'tab/↓ next'),
  b('form', 'prev', ['shift+tab', 'up'], 'previous field'),
  b('form', 'save', ['ctrl+s'], 'save, from any field', '^S save'),
  b('form', 'enter', ['enter'], 'next field; on the last field, save'),
  b('form', 'toggle', ['space'], 'toggle Theatre; open the MPA picker', 'space toggle'),
  b('form', 'addDirector', ['ctrl+n'], 'add a director after this one', '^N add director'),
  b('form', 'removeDirector', ['ctrl+x'], 'remove this director', '^X remove'),
  b('form', 'directorUp', ['alt+up'], 'move this director up'),
  b('form', 'directorDown', ['alt+down'], 'move this director down'),
  b('form', 'cancel', ['esc'], 'cancel (asks first if anything changed)', 'esc cancel'),

  b('picker', 'choose', ['up', 'down', 'k', 'j'], 'highlight a rating', '↑↓ choose'),
  b('picker', 'pick', ['enter'], 'take the highlighted rating', '⏎ pick'),
  b('picker', 'close', ['esc'], 'close without changing', 'esc close'),

  b('conflict', 'up', ['up', 'k'], 'previous field with a choice', '↑↓ field'),
  b('conflict', 'down', ['down', 'j'], 'next field with a choice'),
  b('conflict', 'theirs', ['t', 'left'], 'take theirs for this field', 't/← theirs'),
  b('conflict', 'mine', ['m', 'right'], 'keep mine for this field', 'm/→ mine'),
  b('conflict', 'toggle', ['space'], 'switch this field between theirs and mine'),
  b('conflict', 'save', ['ctrl+s', 'enter'], 'save the merged movie (checked again: a newer save by someone else comes back here)', '^S/⏎ save'),
  b('conflict', 'back', ['esc'], 'back to the form, holding the merged values', 'esc back to the form'),

  b('migrations', 'up', ['up', 'k'], 'previous migration', '↑↓ select'),
  b('migrations', 'down', ['down', 'j'], 'next migration'),
  b('migrations', 'applyAll', ['u'], 'apply every pending migration (asks first; type the database name if it loses data)', 'u apply all'),
  b('migrations', 'applyTo', ['U'], 'apply up to and including the selected one (asks first; type the database name if it loses data)', 'U apply to'),
  b('migrations', 'rollbackLast', ['d'], 'roll back the last applied migration (asks first; type the database name if it loses data)', 'd roll back'),
  b('migrations', 'rollbackTo', ['D'], 'roll back the selected migration and every later one (asks first; type the database name if it loses data)', 'D roll back to'),
  b('migrations', 'reload', ['r'], 'reload status and drift check', 'r reload'),

  b('data', 'seed', ['s'], "run the default seeder (the course's movies)", 's seed'),
  b('data', 'import', ['i'], 'import movies from a CSV or JSON file: validate, review, confirm', 'i import'),
  b('data', 'export', ['x'], 'export every movie to a CSV or JSON file', 'x export'),
  b('data', 'cancel', ['esc'], 'cancel the running import (nothing is written) or export (the partial file is removed)', 'esc cancel'),

  b('path', 'submit', ['enter'], 'use this file', '⏎ ok'),
  b('path', 'clear', ['ctrl+u'], 'clear the file name', '^U clear'),
  b('path', 'cancel', ['esc'], 'cancel', 'esc cancel'),

  b('report', 'import', ['y', 'enter'], 'import the valid rows', 'y/⏎ import'),
  b('report', 'writeErrors', ['w'], 'write the rejected rows to <file>.errors.csv, to fix and import again', 'w write rejected rows'),
  b('report', 'cancel', ['n', 'esc'], 'cancel; nothing is written', 'n/esc cancel'),

  b('database', 'reload', ['r'], 'reload', 'r reload'),
  b('database', 'reset', ['R'], 'reset: drop everything and migrate (type the database name to confirm)', 'R reset'),

  b('confirm', 'yes', ['y'], 'confirm (Enter does not: it only says to press y)', 'y yes'),
  b('confirm', 'enter', ['enter'], 'nothing: says to press y'),
  b('confirm', 'no', ['n', 'esc'], 'cancel', 'n/esc no'),

  b('typed', 'submit', ['enter'], 'confirm once the name is typed', '⏎ confirm'),
  b('typed', 'cancel', ['esc'], 'cancel', 'esc cancel'),

  b('help', 'close', ['esc', '?', 'q'], 'close the help', 'esc close'),
];

/** Names that are one printable character ('j', 'G', '?'): Shift is in the character itself. */
const isCharacter = (name: string) => [...name].length === 1;

/**
 * A stable name for a key, as used in BINDINGS: 'j', 'G', 'up', 'ctrl+s', 'alt+up',
 * 'shift+tab', 'ctrl+f1', 'space'. Text runs and pastes have no name ('').
 */
export function keyName(key: KeyEvent): string {
  if (key.kind !== 'key') return '';
  const shift = key.shift && !isCharacter(key.name) ? 'shift+' : '';
  return `${key.ctrl ? 'ctrl+' : ''}${key.alt ? 'alt+' : ''}${shift}${key.name}`;
}

/** Keys that mean the same wherever the user is, even in a dialog or the help. */
const ALWAYS = new Set(['ctrl+c', 'ctrl+z']);

/** The action a key triggers in a scope, falling back to the global bindings where plain keys are not text. */
export function resolve(scope: Scope, name: string): { scope: Scope; action: string } | undefined {
  const own = BINDINGS.find((x) => x.scope === scope && x.keys.includes(name));
  if (own) return { scope, action: own.action };
  if (DIALOG_SCOPES.has(scope) && !ALWAYS.has(name)) return undefined;
  if (TEXT_SCOPES.has(scope) && !name.startsWith('ctrl+')) return undefined;
  const global = BINDINGS.find((x) => x.scope === 'global' && x.keys.includes(name));
  return global && { scope: 'global', action: global.action };
}

export function hints(scope: Scope): string[] {
  return BINDINGS.filter((x) => x.scope === scope && x.hint).map((x) => x.hint!);
}

const KEY_LABELS: Record<string, string> = { up: '↑', down: '↓', enter: 'Enter', esc: 'Esc', pgup: 'PgUp', pgdn: 'PgDn', space: 'Space', home: 'Home', end: 'End', tab: 'Tab', 'shift+tab': 'Shift+Tab', 'alt+up': 'Alt+↑', 'alt+down': 'Alt+↓', left: '←', right: '→' };

export function keyLabel(name: string): string {
  return KEY_LABELS[name] ?? (name.startsWith('ctrl+') ? `Ctrl+${name.slice(5).toUpperCase()}` : name);
}

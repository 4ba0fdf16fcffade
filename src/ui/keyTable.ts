import type { KeyEvent } from './input/types.js';

/**
 * How a screen declares its keys. Each screen (and dialog) owns its table, in its folder's
 * keys.ts; src/ui/keys.ts gathers them in the order the help lists them. The actions of a
 * table are a string union inferred from it, so a handler that names an action the table
 * does not have fails to compile.
 */
export interface KeyDef {
  /** Key names as produced by keyName(): 'j', 'G', 'up', 'ctrl+s', 'shift+tab', 'space', … */
  keys: readonly string[];
  help: string;
  /** Short text for the footer; bindings without one are listed only in the help overlay. */
  hint?: string;
}

/**
 * How plain keys behave in a scope: 'text' scopes take typed text (global letters such as q,
 * ?, 1–4 do not fire there); 'dialog' scopes hold the keyboard until answered (no global key
 * but Ctrl+C and Ctrl+Z, so the help can never cover one); 'text-dialog' is both (a typed
 * confirmation).
 */
export type ScopeKind = 'plain' | 'text' | 'dialog' | 'text-dialog';

export interface KeyTable<S extends string = string, A extends string = string> {
  scope: S;
  /** The heading in the help overlay. */
  title: string;
  kind: ScopeKind;
  actions: Readonly<Record<A, KeyDef>>;
}

/** The actions of a key table, as a union: `ActionOf<typeof MOVIES_KEYS>` is 'up' | 'down' | … */
export type ActionOf<T> = T extends KeyTable<string, infer A> ? A : never;

export function defineKeys<const S extends string, A extends string>(scope: S, title: string, kind: ScopeKind, actions: Record<A, KeyDef>): KeyTable<S, A> {
  return { scope, title, kind, actions };
}

/** Names that are one printable character ('j', 'G', '?'): Shift is in the character itself. */
const isCharacter = (name: string) => [...name].length === 1;

/**
 * A stable name for a key, as used in the tables: 'j', 'G', 'up', 'ctrl+s', 'alt+up',
 * 'shift+tab', 'ctrl+f1', 'space'. Text runs and pastes have no name ('').
 */
export function keyName(key: KeyEvent): string {
  if (key.kind !== 'key') return '';
  const shift = key.shift && !isCharacter(key.name) ? 'shift+' : '';
  return `${key.ctrl ? 'ctrl+' : ''}${key.alt ? 'alt+' : ''}${shift}${key.name}`;
}

const KEY_LABELS: Record<string, string> = { up: '↑', down: '↓', enter: 'Enter', esc: 'Esc', pgup: 'PgUp', pgdn: 'PgDn', space: 'Space', home: 'Home', end: 'End', tab: 'Tab', 'shift+tab': 'Shift+Tab', 'alt+up': 'Alt+↑', 'alt+down': 'Alt+↓', left: '←', right: '→' };

/** A key name as the help and the README show it: 'ctrl+s' → 'Ctrl+S', 'up' → '↑'. */
export function keyLabel(name: string): string {
  return KEY_LABELS[name] ?? (name.startsWith('ctrl+') ? `Ctrl+${name.slice(5).toUpperCase()}` : name);
}

import type { GlobalAction } from '../keys.js';

/** The screens, in tab order: 1–5 and Tab follow it. */
export const SCREENS = [
  { id: 'movies', title: 'Movies' },
  { id: 'migrations', title: 'Migrations' },
  { id: 'data', title: 'Data' },
  { id: 'database', title: 'Database' },
  { id: 'model', title: 'Model' },
] as const;
export type ScreenId = (typeof SCREENS)[number]['id'];

export type Status = { text: string; kind: 'info' | 'error' | 'busy' } | undefined;

/** How the database was lost: by the change feed (which retries by itself) or by a failed query. */
export interface Lost {
  message: string;
  retryInMs?: number;
  attempt?: number;
}

/** What the frame around the screens shows: which screen, the help, the status line, the banner. */
export interface ShellState {
  screen: ScreenId;
  help: boolean;
  /** "Discard your changes and quit?" is open. */
  askQuit: boolean;
  status: Status;
  lost?: Lost;
  /** "migrations 5/5 applied", in the header. */
  summary?: string;
  /** Said on the Migrations screen when the app opened there because migrations are pending. */
  notice?: string;
  openError?: string;
  /** What opening the database is doing, when it takes a while (creating the embedded database on the first run). */
  opening?: string;
}

export const initialShell = (): ShellState => ({ screen: 'movies', help: false, askQuit: false, status: undefined });

export type ShellAction =
  /** A global key, once the terminal is large enough to show what it does. */
  | { type: 'key'; action: Exclude<GlobalAction, 'quit' | 'suspend'> }
  | { type: 'closeHelp' }
  | { type: 'askQuit'; open: boolean }
  | { type: 'info'; text: string }
  /** An error in the user's words; `problem` when it was the connection (raises the banner). */
  | { type: 'error'; text: string; problem?: string }
  /** A read worked: a banner a failed query raised goes; the feed's own stays until it says the server is back. */
  | { type: 'recovered' }
  | { type: 'lost'; lost: Lost }
  | { type: 'back' }
  | { type: 'migrations'; applied: number; total: number }
  /** The database opened with migrations pending: show the Migrations screen and say why. */
  | { type: 'pending'; count: number }
  | { type: 'clearNotice' }
  | { type: 'openFailed'; text: string }
  | { type: 'opening'; step: string };

function step(screen: ScreenId, delta: number): ScreenId {
  const i = SCREENS.findIndex((s) => s.id === screen);
  return SCREENS[(i + delta + SCREENS.length) % SCREENS.length]!.id;
}

function onKey(state: ShellState, action: Extract<ShellAction, { type: 'key' }>['action']): ShellState {
  if (action === 'help') return { ...state, help: !state.help };
  if (action === 'nextScreen') return { ...state, screen: step(state.screen, 1) };
  if (action === 'prevScreen') return { ...state, screen: step(state.screen, -1) };
  return { ...state, screen: SCREENS[Number(action.slice('screen'.length)) - 1]!.id };
}

export function shellReducer(state: ShellState, a: ShellAction): ShellState {
  switch (a.type) {
    case 'key':
      return onKey(state, a.action);
    case 'closeHelp':
      return { ...state, help: false };
    case 'askQuit':
      return { ...state, askQuit: a.open };
    case 'info':
      return { ...shellReducer(state, { type: 'recovered' }), status: { text: a.text, kind: 'info' } };
    case 'error':
      return {
        ...state,
        lost: a.problem ? (state.lost ?? { message: a.problem }) : state.lost,
        status: { text: a.problem ? `cannot reach the database (${a.problem}); nothing was changed` : a.text, kind: 'error' },
      };
    case 'recovered':
      return state.lost?.retryInMs === undefined ? { ...state, lost: undefined } : state;
    case 'lost':
      return { ...state, lost: a.lost };
    case 'back':
      return { ...state, lost: undefined, status: { text: 'connected to the database again; showing the latest data', kind: 'info' } };
    case 'migrations':
      return { ...state, summary: `migrations ${a.applied}/${a.total} applied` };
    case 'pending': {
      const one = a.count === 1;
      return { ...state, screen: 'migrations', notice: `${a.count} migration${one ? ' is' : 's are'} pending, so the app opened here: press u to apply ${one ? 'it' : 'them'}.` };
    }
    case 'clearNotice':
      return { ...state, notice: undefined };
    case 'openFailed':
      return { ...state, openError: a.text };
    case 'opening':
      return { ...state, opening: a.step };
  }
}

import { describe, expect, it } from 'vitest';
import { initialShell, shellReducer, type ShellAction, type ShellState } from '../../../src/ui/shell/state.js';

const run = (...actions: ShellAction[]): ShellState => actions.reduce(shellReducer, initialShell());

describe('the shell around the screens', () => {
  it('starts on the Movies screen with nothing said', () => {
    expect(run()).toEqual({ screen: 'movies', help: false, askQuit: false, status: undefined });
  });

  it('while the database opens, the latest slow step is what the spinner says', () => {
    const steps = run({ type: 'opening', step: 'creating the embedded database…' }, { type: 'opening', step: 'applying the 5 migrations…' });
    expect(steps.opening).toBe('applying the 5 migrations…');
  });

  it('Tab and Shift+Tab go round the five screens, 1–5 go straight to one', () => {
    expect(run({ type: 'key', action: 'nextScreen' }).screen).toBe('migrations');
    expect(run({ type: 'key', action: 'prevScreen' }).screen).toBe('model');
    expect(run({ type: 'key', action: 'screen4' }, { type: 'key', action: 'nextScreen' }).screen).toBe('model');
    expect(run({ type: 'key', action: 'screen5' }, { type: 'key', action: 'nextScreen' }).screen).toBe('movies');
    expect(run({ type: 'key', action: 'screen3' }).screen).toBe('data');
  });

  it('? opens and closes the help', () => {
    expect(run({ type: 'key', action: 'help' }).help).toBe(true);
    expect(run({ type: 'key', action: 'help' }, { type: 'key', action: 'help' }).help).toBe(false);
    expect(run({ type: 'key', action: 'help' }, { type: 'closeHelp' }).help).toBe(false);
  });

  it('a lost connection raises the banner and says nothing was changed; a later read that works clears it', () => {
    const lost = run({ type: 'error', text: 'x', problem: 'the server went away' });
    expect(lost.lost).toEqual({ message: 'the server went away' });
    expect(lost.status).toEqual({ kind: 'error', text: 'cannot reach the database (the server went away); nothing was changed' });
    expect(shellReducer(lost, { type: 'recovered' }).lost).toBeUndefined();
    expect(shellReducer(lost, { type: 'info', text: 'saved Heat (1995)' })).toMatchObject({ lost: undefined, status: { kind: 'info', text: 'saved Heat (1995)' } });
  });

  it("the change feed's banner stays until the feed says the server is back", () => {
    const lost = run({ type: 'lost', lost: { message: 'gone', retryInMs: 2000, attempt: 1 } });
    expect(shellReducer(lost, { type: 'recovered' }).lost).toEqual({ message: 'gone', retryInMs: 2000, attempt: 1 });
    expect(shellReducer(lost, { type: 'back' })).toMatchObject({ lost: undefined, status: { kind: 'info', text: 'connected to the database again; showing the latest data' } });
  });

  it('an error that is not about the connection leaves the banner alone', () => {
    const s = run({ type: 'lost', lost: { message: 'gone' } }, { type: 'error', text: 'Title is required' });
    expect(s.lost).toEqual({ message: 'gone' });
    expect(s.status).toEqual({ kind: 'error', text: 'Title is required' });
  });

  it('pending migrations at start open the Migrations screen with a note saying why; a change clears the note', () => {
    const s = run({ type: 'pending', count: 2 });
    expect(s.screen).toBe('migrations');
    expect(s.notice).toBe('2 migrations are pending, so the app opened here: press u to apply them.');
    expect(run({ type: 'pending', count: 1 }).notice).toBe('1 migration is pending, so the app opened here: press u to apply it.');
    expect(shellReducer(s, { type: 'clearNotice' }).notice).toBeUndefined();
  });

  it('the header counts applied migrations', () => {
    expect(run({ type: 'migrations', applied: 3, total: 5 }).summary).toBe('migrations 3/5 applied');
  });
});

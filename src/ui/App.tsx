import { Box, Text, useApp, useStdout } from 'ink';
import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DatabaseApi } from '../db/types.js';
import { connectionProblem } from '../db/errors.js';
import { errorLine, onBackgroundError } from './backgroundErrors.js';
import { Confirm, Spinner } from './components/Dialogs.js';
import { Footer, Header, SCREENS, StatusLine, type ScreenId, type Status } from './components/Frame.js';
import { HelpOverlay } from './components/HelpOverlay.js';
import type { KeyInput } from './input/keySource.js';
import { KeyRouter, KeysShown, useTopScope } from './keyRouter.js';
import type { GlobalAction } from './keys.js';
import { MoviesScreen } from './screens/movies/index.js';
import { DatabaseScreen } from './screens/database/index.js';
import { MigrationsScreen } from './screens/migrations/index.js';
import { DataScreen } from './screens/data/index.js';
import { createEventBus, ServicesProvider, type AppServices } from './services.js';
import { suspend } from './terminal.js';
import { inert } from '../text/inert.js';

/**
 * The smallest terminal every screen and dialog fits in (tried one by one: the add form with
 * its MPA picker open is the tallest, the Movies list with its id column and the conflict view
 * the widest). Below it the app says so instead of drawing over itself, as htop does.
 */
export const MIN_COLUMNS = 60;
export const MIN_ROWS = 20;

/** Changes from other sessions are applied at most this often. */
const REFRESH_EVERY_MS = 150;

export interface AppProps {
  /** Opens the database; called once, after the first frame is on screen. */
  open: () => Promise<DatabaseApi>;
  /** Where the data lives, already masked: shown while opening. */
  label: string;
  onOpened?: (db: DatabaseApi) => void;
  /** Told when the database could not be opened (the app then exits with status 1). */
  onOpenFailed?: (message: string) => void;
  /** Where keys come from (default: the terminal); tests pass a stream of their own. */
  input?: KeyInput;
}

function useTerminalSize() {
  const { stdout } = useStdout();
  const read = () => ({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]); // eslint-disable-line react-hooks/exhaustive-deps
  return size;
}

export function App(props: AppProps) {
  const { exit } = useApp();
  const [help, setHelp] = useState(false);
  const [askQuit, setAskQuit] = useState(false);
  const [screen, setScreen] = useState<ScreenId>('movies');
  const dirty = useRef(false);
  const size = useTerminalSize();
  const fits = size.columns >= MIN_COLUMNS && size.rows >= MIN_ROWS;
  // Input the key layer dropped (a paste nothing takes, an unknown key): said in the status line.
  const [keyNotice, setKeyNotice] = useState<{ text: string }>();

  const onGlobal = useCallback(
    (action: GlobalAction) => {
      if (action === 'quit') return dirty.current ? setAskQuit(true) : exit();
      if (action === 'suspend') return suspend();
      // Too small to draw: nothing but quitting (and suspending) happens unseen.
      if (!fits) return;
      if (action === 'help') return setHelp((h) => !h);
      const i = SCREENS.findIndex((s) => s.id === screen);
      if (action === 'nextScreen') setScreen(SCREENS[(i + 1) % SCREENS.length]!.id);
      if (action === 'prevScreen') setScreen(SCREENS[(i - 1 + SCREENS.length) % SCREENS.length]!.id);
      const n = /^screen(\d)$/.exec(action);
      if (n) setScreen(SCREENS[Number(n[1]) - 1]!.id);
    },
    [exit, screen, fits],
  );

  return (
    <KeyRouter onGlobal={onGlobal} onNotice={(text) => setKeyNotice({ text })} input={props.input}>
      <Shell {...props} {...size} fits={fits} keyNotice={keyNotice} screen={screen} setScreen={setScreen} help={help} closeHelp={() => setHelp(false)} dirty={dirty} askQuit={askQuit} setAskQuit={setAskQuit} />
    </KeyRouter>
  );
}

interface ShellProps extends AppProps {
  columns: number;
  rows: number;
  /** Whether the terminal is at least MIN_COLUMNS × MIN_ROWS. */
  fits: boolean;
  screen: ScreenId;
  setScreen: (s: ScreenId) => void;
  help: boolean;
  closeHelp: () => void;
  dirty: React.MutableRefObject<boolean>;
  askQuit: boolean;
  setAskQuit: (v: boolean) => void;
  keyNotice?: { text: string };
}

function Shell({ open, label, onOpened, onOpenFailed, columns, rows, fits, keyNotice, screen, setScreen, help, closeHelp, dirty, askQuit, setAskQuit }: ShellProps) {
  const { exit } = useApp();
  const scope = useTopScope();
  const [db, setDb] = useState<DatabaseApi>();
  const [openError, setOpenError] = useState<string>();
  const [status, setStatus] = useState<Status>();
  const [lost, setLost] = useState<Lost>();
  /** Counts changes to the rows reported by the database (anyone's, on a server): lists refresh. */
  const [changes, setChanges] = useState(0);
  const [summary, setSummary] = useState<string>();
  const [notice, setNotice] = useState<string>();
  /** Bumped after anything that may change what screens show (a migration, a seed, a reset). */
  const [version, setVersion] = useState(0);

  const onError = useCallback((err: unknown) => {
    const problem = connectionProblem(err);
    // The change feed, when there is one, knows best whether the server is back: it says so.
    if (problem) setLost((l) => l ?? { message: problem });
    setStatus({ text: problem ? `cannot reach the database (${problem}); nothing was changed` : errorLine(err), kind: 'error' });
  }, []);
  // A query that worked clears a banner a failed query raised; the feed's own banner stays until it says the server is back.
  const onRecovered = useCallback(() => setLost((l) => (l?.retryInMs === undefined ? undefined : l)), []);
  const onStatus = useCallback(
    (text: string) => {
      onRecovered();
      setStatus({ text, kind: 'info' });
    },
    [onRecovered],
  );
  useEffect(() => onBackgroundError(onError), [onError]);
  useEffect(() => {
    if (keyNotice) setStatus({ text: keyNotice.text, kind: 'error' });
  }, [keyNotice]);
  const onDirtyChange = useCallback((d: boolean) => {
    dirty.current = d;
  }, [dirty]);

  const refreshSummary = useCallback(
    async (database: DatabaseApi) => {
      const states = await database.migrations.status();
      const applied = states.filter((m) => m.applied).length;
      setSummary(`migrations ${applied}/${states.length} applied`);
      return states.length - applied;
    },
    [],
  );

  useEffect(() => {
    open().then(
      async (database) => {
        onOpened?.(database);
        setDb(database);
        const pending = await refreshSummary(database).catch(() => 0);
        if (pending > 0) {
          setScreen('migrations');
          setNotice(`${pending} migration${pending === 1 ? ' is' : 's are'} pending, so the app opened here: press u to apply ${pending === 1 ? 'it' : 'them'}.`);
        }
      },
      (err: unknown) => {
        setOpenError(errorLine(err));
        onOpenFailed?.(errorLine(err));
      },
    );
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  // The app's events: the change feed and the screens emit them, and the shell follows them too.
  const events = useMemo(createEventBus, []);
  useEffect(
    () =>
      events.on((event) => {
        if (event.type === 'rowsChanged') setChanges((n) => n + 1);
        else if (event.type === 'connectionLost') setLost({ message: event.message, retryInMs: event.retryInMs, attempt: event.attempt });
        else if (event.type === 'databaseChanged') {
          setVersion((v) => v + 1);
          setNotice(undefined);
          if (db) refreshSummary(db).catch(onError);
        } else {
          setLost(undefined);
          setStatus({ text: 'connected to the database again; showing the latest data', kind: 'info' });
          // Changes made while we could not hear them: read everything again.
          setVersion((v) => v + 1);
          if (db) refreshSummary(db).catch(() => {});
        }
      }),
    [events, db, refreshSummary, onError],
  );

  useEffect(() => {
    const feed = db?.changes;
    if (!feed) return;
    let pending: NodeJS.Timeout | undefined;
    const off = feed.subscribe((event) => {
      if (event.type === 'changed') {
        // A burst of changes (a script, an import) refreshes once per interval, not once per change.
        pending ??= setTimeout(() => {
          pending = undefined;
          events.emit({ type: 'rowsChanged' });
        }, REFRESH_EVERY_MS);
      } else if (event.type === 'lost') {
        events.emit({ type: 'connectionLost', message: event.message, retryInMs: event.retryInMs, attempt: event.attempt });
      } else {
        events.emit({ type: 'connectionBack' });
      }
    });
    return () => {
      off();
      clearTimeout(pending);
    };
  }, [db, events]);

  const onChanged = useCallback(() => events.emit({ type: 'databaseChanged' }), [events]);
  const services = useMemo<AppServices | undefined>(
    () => db && { db, status: { info: onStatus, error: onError, recovered: onRecovered }, events, setDirty: onDirtyChange },
    [db, onStatus, onError, onRecovered, events, onDirtyChange],
  );

  // Keep the frame one row short of the terminal: a full-height frame makes Ink 6.8 repaint everything.
  const height = Math.max(5, rows - 1);
  const bodyHeight = Math.max(1, height - 4 - (lost ? 1 : 0));
  // An overlay (help, a question, the state of the database) replaces the screens while shown.
  // The one rule for dialogs: whatever holds the keyboard is on screen. A hidden screen, and so
  // any dialog in it, takes no keys (KeysShown); the help cannot open over a dialog (the key
  // table gives dialogs no global keys), and a dialog that opens in a screen under the help
  // (after a slow check) waits, unseen and deaf, until the help is closed.
  let overlay: React.ReactNode = null;
  if (askQuit) overlay = <Confirm title="Discard your changes and quit?" onYes={() => exit()} onNo={() => setAskQuit(false)} />;
  else if (help) overlay = <HelpOverlay onClose={closeHelp} height={bodyHeight} />;
  else if (openError) overlay = <Text color="red">✗ Could not open the database: {inert(openError)} (press q to quit)</Text>;
  else if (!db) overlay = <Spinner label={`opening database… (${inert(label)})`} />;
  const shown = (id: ScreenId) => fits && overlay === null && screen === id;
  // Screens stay mounted while hidden, so each keeps its place (selection, search, a half-typed
  // form, a result) across switches; only the shown one takes keys.
  const common = { db: db!, width: columns, height: bodyHeight, version, onStatus, onError, onChanged };
  const screens = services ? (
    <ServicesProvider value={services}>
      <Screen shown={shown('movies')}>
        <MoviesScreen active={shown('movies')} width={columns} height={bodyHeight} />
      </Screen>
      <Screen shown={shown('migrations')}>
        <MigrationsScreen width={columns} height={bodyHeight} active={shown('migrations')} notice={notice} />
      </Screen>
      <Screen shown={shown('data')}>
        <DataScreen width={columns} height={bodyHeight} active={shown('data')} />
      </Screen>
      <Screen shown={shown('database')}>
        <DatabaseScreen height={bodyHeight} active={shown('database')} />
      </Screen>
    </ServicesProvider>
  ) : null;

  // Too small, only the message is drawn; the screens stay mounted (hidden, taking no keys), so
  // nothing typed or selected is lost, and all comes back when the terminal is made larger.
  return (
    <Box flexDirection="column" width={columns} height={height}>
      {fits ? <Header label={db ? `${db.kind === 'server' ? 'server ' : ''}${db.label}` : label} migrations={summary} screen={screen} width={columns} /> : null}
      {fits && lost ? <LostBanner lost={lost} /> : null}
      <Box flexDirection="column" flexGrow={1} height={fits ? bodyHeight : height} overflow="hidden">
        {fits ? overlay : <TooSmall columns={columns} rows={rows} />}
        {/* q with unsaved changes asks first, even here: the question is drawn as it takes the keys. */}
        {!fits && askQuit ? overlay : null}
        {screens}
      </Box>
      {fits ? <StatusLine status={status} width={columns} /> : null}
      {fits ? <Footer scope={scope} width={columns} /> : null}
    </Box>
  );
}

function TooSmall({ columns, rows }: { columns: number; rows: number }) {
  return (
    <Text wrap="wrap">
      {`Terminal too small: ${columns}×${rows}, needs at least ${MIN_COLUMNS}×${MIN_ROWS}. Make the window larger (q quits).`}
    </Text>
  );
}

/** How the database was lost: by the change feed (which retries by itself) or by a failed query. */
interface Lost {
  message: string;
  retryInMs?: number;
  attempt?: number;
}

function LostBanner({ lost }: { lost: Lost }) {
  const next = lost.retryInMs === undefined ? 'press r to retry' : `retrying in ${Math.max(1, Math.round(lost.retryInMs / 1000))} s (attempt ${lost.attempt})`;
  // The part that matters first: a narrow terminal cuts the end.
  return (
    <Text inverse color="red" wrap="truncate-end">
      {` Lost the connection to the database, ${next}: ${inert(lost.message)}. What you see and type is kept. `}
    </Text>
  );
}

function Screen({ shown, children }: { shown: boolean; children: React.ReactNode }) {
  return (
    <Box display={shown ? 'flex' : 'none'} flexDirection="column" flexGrow={1}>
      <KeysShown.Provider value={shown}>{children}</KeysShown.Provider>
    </Box>
  );
}

import { useStdout } from 'ink';
import React, { useEffect, useState } from 'react';
import type { DatabaseApi } from '../../db/types.js';
import type { KeyInput } from '../input/keySource.js';
import { KeyRouter } from '../keyRouter.js';
import { DataScreen } from '../screens/data/index.js';
import { DatabaseScreen } from '../screens/database/index.js';
import { MigrationsScreen } from '../screens/migrations/index.js';
import { ModelScreen } from '../screens/model/index.js';
import { MoviesScreen } from '../screens/movies/index.js';
import { ServicesProvider } from '../services.js';
import { useShellController } from './controller.js';
import type { ScreenId } from './state.js';
import { MIN_COLUMNS, MIN_ROWS, ShellView } from './View.js';

export { MIN_COLUMNS, MIN_ROWS };

export interface AppProps {
  /** Opens the database; called once, after the first frame is on screen. `onStep` hears what a slow open is doing. */
  open: (onStep?: (step: string) => void) => Promise<DatabaseApi>;
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
  const [size, setSize] = useState(() => ({ columns: stdout.columns || 80, rows: stdout.rows || 24 }));
  useEffect(() => {
    const onResize = () => setSize({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}

/** The whole app: the key router, the shell around the screens, and the five screens. */
export function App({ open, label, onOpened, onOpenFailed, input }: AppProps) {
  const { columns, rows } = useTerminalSize();
  const shell = useShellController({ open, onOpened, onOpenFailed, fits: columns >= MIN_COLUMNS && rows >= MIN_ROWS });
  const { state, db, services } = shell;
  const screens = (height: number, shown: (id: ScreenId) => boolean) => ({
    movies: <MoviesScreen active={shown('movies')} width={columns} height={height} />,
    migrations: <MigrationsScreen active={shown('migrations')} width={columns} height={height} notice={state.notice} />,
    data: <DataScreen active={shown('data')} width={columns} height={height} />,
    database: <DatabaseScreen active={shown('database')} height={height} />,
    model: <ModelScreen active={shown('model')} width={columns} height={height} />,
  });
  return (
    <KeyRouter onGlobal={shell.onGlobal} onNotice={shell.onKeyNotice} input={input}>
      <ServicesProvider value={services}>
        <ShellView
          state={state}
          columns={columns}
          rows={rows}
          label={db ? `${db.project ? `project ${db.project} · ` : ''}${db.kind === 'server' ? 'server ' : ''}${db.label}` : label}
          open={services !== undefined}
          screens={screens}
          onQuit={shell.quit}
          onCancelQuit={shell.cancelQuit}
          onCloseHelp={shell.closeHelp}
        />
      </ServicesProvider>
    </KeyRouter>
  );
}

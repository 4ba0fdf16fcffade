import { Box, Text } from 'ink';
import React, { type ReactNode } from 'react';
import { inert } from '../../text/inert.js';
import { Confirm, Spinner } from '../dialogs/Dialogs.js';
import { KeysShown, useTopScope } from '../keyRouter.js';
import { Footer, Header, StatusLine } from './Frame.js';
import { HelpOverlay } from './HelpOverlay.js';
import type { Lost, ScreenId, ShellState } from './state.js';

/**
 * The smallest terminal every screen and dialog fits in (tried one by one: the add form with
 * its MPA picker open is the tallest, the Movies list with its id column and the conflict view
 * the widest). Below it the app says so instead of drawing over itself, as htop does.
 */
export const MIN_COLUMNS = 60;
export const MIN_ROWS = 20;

export interface ShellViewProps {
  state: ShellState;
  columns: number;
  rows: number;
  /** The header's database label: the masked URL or data dir. */
  label: string;
  /** Whether the database is open (the screens are drawn). */
  open: boolean;
  /** The four screens, given the height they have and whether each is shown; drawn once the database is open. */
  screens: (height: number, shown: (id: ScreenId) => boolean) => Record<ScreenId, ReactNode>;
  onQuit: () => void;
  onCancelQuit: () => void;
  onCloseHelp: () => void;
}

/** The frame: header, banner, the shown screen or an overlay, status line and footer. */
export function ShellView({ state, columns, rows, label, open, screens, onQuit, onCancelQuit, onCloseHelp }: ShellViewProps) {
  const scope = useTopScope();
  const fits = columns >= MIN_COLUMNS && rows >= MIN_ROWS;
  // Keep the frame one row short of the terminal: a full-height frame makes Ink 6.8 repaint everything.
  const height = Math.max(5, rows - 1);
  const bodyHeight = Math.max(1, height - 4 - (state.lost ? 1 : 0));
  // An overlay (help, a question, the state of the database) replaces the screens while shown.
  // The one rule for dialogs: whatever holds the keyboard is on screen. A hidden screen, and so
  // any dialog in it, takes no keys (KeysShown); the help cannot open over a dialog (the key
  // table gives dialogs no global keys), and a dialog that opens in a screen under the help
  // (after a slow check) waits, unseen and deaf, until the help is closed.
  let overlay: ReactNode = null;
  if (state.askQuit) overlay = <Confirm title="Discard your changes and quit?" onYes={onQuit} onNo={onCancelQuit} />;
  else if (state.help) overlay = <HelpOverlay onClose={onCloseHelp} height={bodyHeight} />;
  else if (state.openError) overlay = <Text color="red">✗ Could not open the database: {inert(state.openError)} (press q to quit)</Text>;
  else if (!open) overlay = <Spinner label={state.opening ? inert(state.opening) : `opening database… (${inert(label)})`} />;
  const shown = (id: ScreenId) => fits && overlay === null && state.screen === id;
  // Screens stay mounted while hidden, so each keeps its place (selection, search, a half-typed
  // form, a result) across switches; only the shown one takes keys.
  const body = open ? screens(bodyHeight, shown) : undefined;

  // Too small, only the message is drawn; the screens stay mounted (hidden, taking no keys), so
  // nothing typed or selected is lost, and all comes back when the terminal is made larger.
  return (
    <Box flexDirection="column" width={columns} height={height}>
      {fits ? <Header label={label} migrations={state.summary} screen={state.screen} width={columns} /> : null}
      {fits && state.lost ? <LostBanner lost={state.lost} /> : null}
      <Box flexDirection="column" flexGrow={1} height={fits ? bodyHeight : height} overflow="hidden">
        {fits ? overlay : <TooSmall columns={columns} rows={rows} />}
        {/* q with unsaved changes asks first, even here: the question is drawn as it takes the keys. */}
        {!fits && state.askQuit ? overlay : null}
        {body
          ? (Object.keys(body) as ScreenId[]).map((id) => (
              <Screen key={id} shown={shown(id)}>
                {body[id]}
              </Screen>
            ))
          : null}
      </Box>
      {fits ? <StatusLine status={state.status} width={columns} /> : null}
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

function LostBanner({ lost }: { lost: Lost }) {
  const next = lost.retryInMs === undefined ? 'press r to retry' : `retrying in ${Math.max(1, Math.round(lost.retryInMs / 1000))} s (attempt ${lost.attempt})`;
  // The part that matters first: a narrow terminal cuts the end.
  return (
    <Text inverse color="red" wrap="truncate-end">
      {` Lost the connection to the database, ${next}: ${inert(lost.message)}. What you see and type is kept. `}
    </Text>
  );
}

/** A screen, drawn only while shown; hidden, it stays mounted and takes no keys. */
function Screen({ shown, children }: { shown: boolean; children: ReactNode }) {
  return (
    <Box display={shown ? 'flex' : 'none'} flexDirection="column" flexGrow={1}>
      <KeysShown.Provider value={shown}>{children}</KeysShown.Provider>
    </Box>
  );
}

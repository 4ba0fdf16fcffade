/**
 * The Database screen's state: what the catalog said, and the reset (asked, then running).
 * Pure, so the flow is unit-tested without a terminal.
 */
import type { DatabaseInfo } from '../../../db/types.js';

export interface DatabaseScreenState {
  info?: DatabaseInfo;
  asking: boolean;
  resetting: boolean;
}

export type DatabaseScreenAction = { type: 'loaded'; info: DatabaseInfo } | { type: 'ask' } | { type: 'cancel' } | { type: 'reset' } | { type: 'resetDone' };

export const initialDatabaseScreen = (): DatabaseScreenState => ({ asking: false, resetting: false });

export function databaseScreenReducer(state: DatabaseScreenState, action: DatabaseScreenAction): DatabaseScreenState {
  switch (action.type) {
    case 'loaded':
      return { ...state, info: action.info };
    case 'ask':
      return { ...state, asking: true };
    case 'cancel':
      return { ...state, asking: false };
    case 'reset':
      return { ...state, asking: false, resetting: true };
    case 'resetDone':
      return { ...state, resetting: false };
  }
}

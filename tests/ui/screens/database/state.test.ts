import { describe, expect, it } from 'vitest';
import type { DatabaseInfo } from '../../../../src/db/types.js';
import { databaseScreenReducer, initialDatabaseScreen, type DatabaseScreenAction, type DatabaseScreenState } from '../../../../src/ui/screens/database/state.js';

const run = (...actions: DatabaseScreenAction[]) => actions.reduce<DatabaseScreenState>(databaseScreenReducer, initialDatabaseScreen());

describe('the Database screen state', () => {
  it('R asks; No goes back to the catalog; Yes resets until the reset is done', () => {
    expect(run({ type: 'ask' })).toMatchObject({ asking: true, resetting: false });
    expect(run({ type: 'ask' }, { type: 'cancel' })).toMatchObject({ asking: false, resetting: false });
    expect(run({ type: 'ask' }, { type: 'reset' })).toMatchObject({ asking: false, resetting: true });
    expect(run({ type: 'ask' }, { type: 'reset' }, { type: 'resetDone' })).toMatchObject({ asking: false, resetting: false });
  });

  it('what the catalog said stays while a reset asks and runs', () => {
    const info = { kind: 'server', target: 'db', serverVersion: '17', columns: [], indexes: [] } as unknown as DatabaseInfo;
    expect(run({ type: 'loaded', info }, { type: 'ask' }, { type: 'reset' }).info).toBe(info);
  });
});

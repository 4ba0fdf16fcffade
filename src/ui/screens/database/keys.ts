import { defineKeys } from '../../keyTable.js';

export const DATABASE_KEYS = defineKeys('database', 'Database', 'plain', {
  reload: { keys: ['r'], help: 'reload', hint: 'r reload' },
  reset: { keys: ['R'], help: 'reset: drop everything and migrate (type the database name to confirm)', hint: 'R reset' },
});

import { defineKeys } from '../../keyTable.js';

export const MIGRATIONS_KEYS = defineKeys('migrations', 'Migrations', 'plain', {
  up: { keys: ['up', 'k'], help: 'previous migration', hint: '↑↓ select' },
  down: { keys: ['down', 'j'], help: 'next migration' },
  applyAll: { keys: ['u'], help: 'apply every pending migration (asks first; type the database name if it loses data)', hint: 'u apply all' },
  applyTo: { keys: ['U'], help: 'apply up to and including the selected one (asks first; type the database name if it loses data)', hint: 'U apply to' },
  rollbackLast: { keys: ['d'], help: 'roll back the last applied migration (asks first; type the database name if it loses data)', hint: 'd roll back' },
  rollbackTo: { keys: ['D'], help: 'roll back the selected migration and every later one (asks first; type the database name if it loses data)', hint: 'D roll back to' },
  reload: { keys: ['r'], help: 'reload status and drift check', hint: 'r reload' },
});

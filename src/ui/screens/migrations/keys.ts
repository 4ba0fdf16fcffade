import { defineKeys } from '../../keyTable.js';

export const MIGRATIONS_KEYS = defineKeys('migrations', 'Migrations', 'plain', {
  up: { keys: ['up', 'k'], help: 'previous migration', hint: '↑↓ select' },
  down: { keys: ['down', 'j'], help: 'next migration' },
  applyAll: { keys: ['u'], help: 'apply every pending migration (asks first; type the database name if it loses data)', hint: 'u apply all' },
  applyTo: { keys: ['U'], help: 'apply up to and including the selected one (asks first; type the database name if it loses data)', hint: 'U apply to' },
  rollbackLast: { keys: ['d'], help: 'roll back the last applied migration (asks first; type the database name if it loses data)', hint: 'd roll back' },
  rollbackTo: { keys: ['D'], help: 'roll back the selected migration and every later one (asks first; type the database name if it loses data)', hint: 'D roll back to' },
  generate: { keys: ['g'], help: 'generate a migration from the difference between the model and the database: asks for a message, shows its SQL (up and down) before anything runs', hint: 'g generate' },
  edit: { keys: ['e'], help: "open the selected migration's file in $EDITOR (else $VISUAL, else vi); the app comes back after", hint: 'e edit' },
  reload: { keys: ['r'], help: 'reload status and drift check', hint: 'r reload' },
});

export const MESSAGE_KEYS = defineKeys('message', 'Migration message (typing)', 'text', {
  submit: { keys: ['enter'], help: 'generate the migration, named from the message', hint: '⏎ generate' },
  cancel: { keys: ['esc'], help: 'cancel; nothing is written', hint: 'esc cancel' },
});

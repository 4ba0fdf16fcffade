import { defineKeys } from '../keyTable.js';

export const GLOBAL_KEYS = defineKeys('global', 'Everywhere', 'plain', {
  quit: { keys: ['q', 'ctrl+c'], help: 'quit (Ctrl+C too; asks first if a form has changes)', hint: 'q quit' },
  help: { keys: ['?'], help: 'show or hide this help', hint: '? help' },
  nextScreen: { keys: ['tab'], help: 'next screen' },
  prevScreen: { keys: ['shift+tab'], help: 'previous screen' },
  screen1: { keys: ['1'], help: 'Movies screen' },
  screen2: { keys: ['2'], help: 'Migrations screen' },
  screen3: { keys: ['3'], help: 'Data screen (seed, import, export)' },
  screen4: { keys: ['4'], help: 'Database screen' },
  screen5: { keys: ['5'], help: 'Model screen (the model beside the live table; add, drop, rename columns)' },
  suspend: { keys: ['ctrl+z'], help: 'suspend to the shell (fg brings the app back)' },
});

export const HELP_KEYS = defineKeys('help', 'This help', 'dialog', {
  close: { keys: ['esc', '?', 'q'], help: 'close the help', hint: 'esc close' },
});

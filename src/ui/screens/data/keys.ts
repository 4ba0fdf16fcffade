import { defineKeys } from '../../keyTable.js';

export const DATA_KEYS = defineKeys('data', 'Data (seed, import, export)', 'plain', {
  seed: { keys: ['s'], help: "seed the movies not stored yet: a project's seeds/movies.ts, else the course's", hint: 's seed' },
  editSeeds: { keys: ['E'], help: "open the project's seed file (seeds/movies.ts) in $EDITOR (else $VISUAL, else vi); the app comes back after", hint: 'E edit seeds' },
  import: { keys: ['i'], help: 'import movies from a CSV or JSON file: validate, review, confirm', hint: 'i import' },
  export: { keys: ['x'], help: 'export every movie to a CSV or JSON file', hint: 'x export' },
  cancel: { keys: ['esc'], help: 'cancel the running import (nothing is written) or export (the partial file is removed)', hint: 'esc cancel' },
});

export const PATH_KEYS = defineKeys('path', 'File name (typing)', 'text', {
  submit: { keys: ['enter'], help: 'use this file', hint: '⏎ ok' },
  clear: { keys: ['ctrl+u'], help: 'clear the file name', hint: '^U clear' },
  cancel: { keys: ['esc'], help: 'cancel', hint: 'esc cancel' },
});

export const REPORT_KEYS = defineKeys('report', 'Import report', 'dialog', {
  import: { keys: ['y', 'enter'], help: 'import the valid rows', hint: 'y/⏎ import' },
  writeErrors: { keys: ['w'], help: 'write the rejected rows to <file>.errors.csv, to fix and import again', hint: 'w write rejected rows' },
  cancel: { keys: ['n', 'esc'], help: 'cancel; nothing is written', hint: 'n/esc cancel' },
});

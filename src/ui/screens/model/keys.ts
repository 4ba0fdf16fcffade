import { defineKeys } from '../../keyTable.js';

export const MODEL_KEYS = defineKeys('model', 'Model', 'plain', {
  up: { keys: ['up', 'k'], help: 'previous column', hint: '↑↓ select' },
  down: { keys: ['down', 'j'], help: 'next column' },
  add: { keys: ['a'], help: 'add a column to the model file: name, type, nullable, default', hint: 'a add' },
  drop: { keys: ['d'], help: 'drop the selected column from the model file (asks first)', hint: 'd drop' },
  rename: { keys: ['r'], help: 'rename the selected column in the model file (asks the new name, then confirms it will be a rename)', hint: 'r rename' },
  edit: { keys: ['e'], help: 'open the model file in $EDITOR (else $VISUAL, else vi); the app comes back after and reloads it', hint: 'e edit' },
  reload: { keys: ['R'], help: 'read the model file and the live table again', hint: 'R reload' },
});

/** The add form's text fields (name, size, default) and the rename field. */
export const MODEL_FORM_KEYS = defineKeys('modelForm', 'Model: add or rename a column (typing)', 'text', {
  next: { keys: ['tab', 'down'], help: 'next field', hint: 'tab/↓ next' },
  prev: { keys: ['shift+tab', 'up'], help: 'previous field' },
  save: { keys: ['enter', 'ctrl+s'], help: 'write it to the model file', hint: '⏎ save' },
  cancel: { keys: ['esc'], help: 'cancel; the file is not changed', hint: 'esc cancel' },
});

/** The add form's type picker and nullable toggle. */
export const MODEL_CHOICE_KEYS = defineKeys('modelChoice', 'Model: the type picker and the nullable toggle', 'dialog', {
  change: { keys: ['left', 'right', 'space', 'h', 'l'], help: 'the previous or next type; toggle nullable', hint: '←→ change' },
  next: { keys: ['tab', 'down', 'j'], help: 'next field', hint: 'tab/↓ next' },
  prev: { keys: ['shift+tab', 'up', 'k'], help: 'previous field' },
  save: { keys: ['enter', 'ctrl+s'], help: 'write it to the model file', hint: '⏎ save' },
  cancel: { keys: ['esc'], help: 'cancel; the file is not changed', hint: 'esc cancel' },
});

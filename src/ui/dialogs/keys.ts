import { defineKeys } from '../keyTable.js';

export const CONFIRM_KEYS = defineKeys('confirm', 'Confirm dialog', 'dialog', {
  yes: { keys: ['y'], help: 'confirm (Enter does not: it only says to press y)', hint: 'y yes' },
  enter: { keys: ['enter'], help: 'nothing: says to press y' },
  no: { keys: ['n', 'esc'], help: 'cancel', hint: 'n/esc no' },
});

export const TYPED_KEYS = defineKeys('typed', 'Typed confirmation', 'text-dialog', {
  submit: { keys: ['enter'], help: 'confirm once the name is typed', hint: '⏎ confirm' },
  cancel: { keys: ['esc'], help: 'cancel', hint: 'esc cancel' },
});

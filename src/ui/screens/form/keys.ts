import { defineKeys } from '../../keyTable.js';

export const FORM_KEYS = defineKeys('form', 'Add / edit form', 'text', {
  next: { keys: ['tab', 'down'], help: 'next field', hint: 'tab/↓ next' },
  prev: { keys: ['shift+tab', 'up'], help: 'previous field' },
  save: { keys: ['ctrl+s'], help: 'save, from any field', hint: '^S save' },
  enter: { keys: ['enter'], help: 'next field; on the last field, save' },
  toggle: { keys: ['space'], help: 'toggle Theatre; open the MPA picker', hint: 'space toggle' },
  addDirector: { keys: ['ctrl+n'], help: 'add a director after this one', hint: '^N add director' },
  removeDirector: { keys: ['ctrl+x'], help: 'remove this director', hint: '^X remove' },
  directorUp: { keys: ['alt+up'], help: 'move this director up' },
  directorDown: { keys: ['alt+down'], help: 'move this director down' },
  cancel: { keys: ['esc'], help: 'cancel (asks first if anything changed)', hint: 'esc cancel' },
});

export const PICKER_KEYS = defineKeys('picker', 'MPA rating picker', 'text', {
  choose: { keys: ['up', 'down', 'k', 'j'], help: 'highlight a rating', hint: '↑↓ choose' },
  pick: { keys: ['enter'], help: 'take the highlighted rating', hint: '⏎ pick' },
  close: { keys: ['esc'], help: 'close without changing', hint: 'esc close' },
});

import { defineKeys } from '../../keyTable.js';

export const FORM_KEYS = defineKeys('form', 'Add / edit form', 'text', {
  next: { keys: ['tab', 'down'], help: 'next field', hint: 'tab/↓ next' },
  prev: { keys: ['shift+tab', 'up'], help: 'previous field' },
  save: { keys: ['ctrl+s'], help: 'save, from any field', hint: '^S save' },
  enter: { keys: ['enter'], help: 'next field; on the last field, save' },
  toggle: { keys: ['space'], help: 'toggle Theatre or a yes/no column; open the MPA picker', hint: 'space toggle' },
  addItem: { keys: ['ctrl+n'], help: 'add an entry after this one to its list (directors, or a list column); elsewhere a director', hint: '^N add entry' },
  removeItem: { keys: ['ctrl+x'], help: 'remove this entry (a director, or a list column’s)', hint: '^X remove' },
  itemUp: { keys: ['alt+up'], help: 'move this entry up its list' },
  itemDown: { keys: ['alt+down'], help: 'move this entry down its list' },
  cancel: { keys: ['esc'], help: 'cancel (asks first if anything changed)', hint: 'esc cancel' },
});

export const PICKER_KEYS = defineKeys('picker', 'MPA rating picker', 'text', {
  choose: { keys: ['up', 'down', 'k', 'j'], help: 'highlight a rating', hint: '↑↓ choose' },
  pick: { keys: ['enter'], help: 'take the highlighted rating', hint: '⏎ pick' },
  close: { keys: ['esc'], help: 'close without changing', hint: 'esc close' },
});

import { defineKeys } from '../../keyTable.js';

export const CONFLICT_KEYS = defineKeys('conflict', 'Conflict (someone else saved the movie meanwhile)', 'plain', {
  up: { keys: ['up', 'k'], help: 'previous field with a choice', hint: '↑↓ field' },
  down: { keys: ['down', 'j'], help: 'next field with a choice' },
  theirs: { keys: ['t', 'left'], help: 'take theirs for this field', hint: 't/← theirs' },
  mine: { keys: ['m', 'right'], help: 'keep mine for this field', hint: 'm/→ mine' },
  toggle: { keys: ['space'], help: 'switch this field between theirs and mine' },
  save: { keys: ['ctrl+s', 'enter'], help: 'save the merged movie (checked again: a newer save by someone else comes back here)', hint: '^S/⏎ save' },
  back: { keys: ['esc'], help: 'back to the form, holding the merged values', hint: 'esc back to the form' },
});

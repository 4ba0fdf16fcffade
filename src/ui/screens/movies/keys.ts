import { defineKeys } from '../../keyTable.js';

export const MOVIES_KEYS = defineKeys('movies', 'Movies', 'plain', {
  up: { keys: ['up', 'k'], help: 'previous movie', hint: '↑↓ move' },
  down: { keys: ['down', 'j'], help: 'next movie' },
  pageUp: { keys: ['pgup'], help: 'previous page' },
  pageDown: { keys: ['pgdn'], help: 'next page' },
  first: { keys: ['home', 'g'], help: 'first movie' },
  last: { keys: ['end', 'G'], help: 'last movie' },
  sort: { keys: ['s'], help: "cycle the sort: title, year, id, then the model's other columns; each ascending then descending", hint: 's sort' },
  sortBack: { keys: ['S'], help: 'the sort before this one (back through the cycle)' },
  search: { keys: ['/'], help: 'search titles and directors as you type', hint: '/ search' },
  details: { keys: ['enter'], help: "show the selected movie's details", hint: '⏎ details' },
  add: { keys: ['a'], help: 'add a movie', hint: 'a add' },
  edit: { keys: ['e'], help: 'edit the selected movie', hint: 'e edit' },
  delete: { keys: ['d'], help: 'delete the selected movie (asks first)', hint: 'd delete' },
  reload: { keys: ['r'], help: 'reload from the database', hint: 'r reload' },
});

export const SEARCH_KEYS = defineKeys('search', 'Search (typing)', 'text', {
  clear: { keys: ['esc'], help: 'clear the search and leave it', hint: 'esc clear' },
  done: { keys: ['enter', 'down', 'up'], help: 'keep the search and go back to the list', hint: '⏎ done' },
});

export const DETAILS_KEYS = defineKeys('details', 'Movie details', 'plain', {
  close: { keys: ['esc', 'enter'], help: 'back to the list', hint: 'esc back' },
  edit: { keys: ['e'], help: 'edit this movie', hint: 'e edit' },
  delete: { keys: ['d'], help: 'delete this movie (asks first)', hint: 'd delete' },
});

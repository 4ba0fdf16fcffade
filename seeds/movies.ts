import type { MovieInput } from '../src/db/validation.js';

/** The course's movies, plus three by other directors. */
export const courseMovies: MovieInput[] = [
  { title: 'The Matrix', year: 1999, directors: ['Lana Wachowski', 'Lilly Wachowski'], theatre: true, mpa: 'R' },
  { title: 'Inception', year: 2010, directors: ['Christopher Nolan'], theatre: true, mpa: 'PG-13' },
  { title: 'Interstellar', year: 2014, directors: ['Christopher Nolan'], theatre: true, mpa: 'PG-13' },
  { title: 'The Dark Knight', year: 2008, directors: ['Christopher Nolan'], theatre: true, mpa: 'PG-13' },
  { title: 'Jaws', year: 1975, directors: ['Steven Spielberg'], theatre: true, mpa: 'PG' },
  { title: 'Pulp Fiction', year: 1994, directors: ['Quentin Tarantino'], theatre: true, mpa: 'R' },
  { title: 'Spirited Away', year: 2001, directors: ['Hayao Miyazaki'], theatre: true, mpa: 'PG' },
];

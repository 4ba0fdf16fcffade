import type { Movie } from '../../../db/types.js';

/**
 * What the form edits, as typed (strings, so nothing typed is lost to a failed parse). Its own
 * module: the form's state and the conflict view's both build on it, and the form's state
 * holds a conflict, so neither may import the other for it.
 */
export interface FormValues {
  title: string;
  year: string;
  directors: string[];
  theatre: boolean;
  mpa: string;
}

/** A stored movie as the form shows it (an empty form without one). */
export function valuesOf(movie: Movie | undefined): FormValues {
  return {
    title: movie?.title ?? '',
    year: movie ? String(movie.year) : '',
    directors: movie ? [...movie.directors] : [''],
    theatre: movie?.theatre ?? true,
    mpa: movie?.mpa ?? '',
  };
}

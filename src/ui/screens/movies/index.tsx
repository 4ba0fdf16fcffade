import React from 'react';
import { MovieForm } from '../form/index.js';
import { useMoviesController } from './controller.js';
import { MoviesView } from './View.js';

export interface MoviesScreenProps {
  /** False while another screen is shown: the screen stays mounted (keeping its place) but takes no keys. */
  active: boolean;
  width: number;
  height: number;
}

/** The movies: a keyset-paged list to search, sort and browse, and the form to add or edit one. */
export function MoviesScreen({ active, width, height }: MoviesScreenProps) {
  const c = useMoviesController({ active, height });
  if (c.mode.kind === 'form') {
    return <MovieForm movie={c.mode.movie} hasMpa={c.table?.mpa ?? false} width={width} height={height} {...c.form} />;
  }
  return (
    <MoviesView width={width} height={height} list={c.list} count={c.count} mode={c.mode} table={c.table} columns={c.columns} onSearch={c.search} onDelete={c.deleteMovie} onCancelDelete={c.cancelDelete} />
  );
}

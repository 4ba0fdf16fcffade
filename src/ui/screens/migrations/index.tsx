import React from 'react';
import { useMigrationsController } from './controller.js';
import { MigrationsView } from './View.js';

interface Props {
  active: boolean;
  width: number;
  height: number;
  /** Why the app opened here (pending migrations at start). */
  notice?: string;
}

/** The Migrations screen (the keys and calls in controller.ts, the drawing in View.tsx). */
export function MigrationsScreen({ active, width, height, notice }: Props) {
  const { state, name, execute, dismiss, typeMessage } = useMigrationsController(active);
  return <MigrationsView state={state} width={width} height={height} notice={notice} name={name} onYes={execute} onNo={dismiss} onMessage={typeMessage} />;
}

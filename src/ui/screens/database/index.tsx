import React from 'react';
import { useDatabaseController } from './controller.js';
import { DatabaseView } from './View.js';

/** The Database screen (the keys and calls in controller.ts, the drawing in View.tsx). */
export function DatabaseScreen({ active, height }: { active: boolean; height: number }) {
  const { state, name, reset, cancel } = useDatabaseController(active);
  return <DatabaseView state={state} height={height} name={name} onReset={reset} onCancel={cancel} />;
}

import React from 'react';
import { useDataController } from './controller.js';
import { DataView } from './View.js';

/** Seed, import and export (the keys and work in controller.ts, the drawing in View.tsx). */
export function DataScreen({ active, height, width = 80 }: { active: boolean; height: number; width?: number }) {
  const { state, typePath, overwrite } = useDataController(active);
  return <DataView state={state} height={height} width={width} onPath={typePath} onOverwrite={overwrite} />;
}

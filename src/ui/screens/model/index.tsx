import React from 'react';
import { useModelController } from './controller.js';
import { ModelView } from './View.js';

/** The Model screen (the keys and calls in controller.ts, the drawing in View.tsx). */
export function ModelScreen({ active, width, height }: { active: boolean; width: number; height: number }) {
  const { state, onEdit, onYes, onNo } = useModelController(active);
  return <ModelView state={state} width={width} height={height} onEdit={onEdit} onYes={onYes} onNo={onNo} />;
}

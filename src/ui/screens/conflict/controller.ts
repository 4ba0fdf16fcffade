import { useKeys } from '../../keyRouter.js';
import { CONFLICT_KEYS } from './keys.js';
import type { ConflictAction } from './state.js';

/** What the conflict view asks of the form that holds it: its state lives in the form's. */
export interface ConflictHandlers {
  onAction: (action: ConflictAction) => void;
  onSave: () => void;
  onBack: () => void;
}

/** The conflict view's keys, turned into its reducer's actions, a save, or going back. */
export function useConflictController({ onAction, onSave, onBack }: ConflictHandlers): void {
  useKeys(CONFLICT_KEYS, (action) => {
    if (action === 'up' || action === 'down' || action === 'toggle') onAction({ type: action });
    else if (action === 'theirs' || action === 'mine') onAction({ type: 'pick', side: action });
    else if (action === 'save') onSave();
    else if (action === 'back') onBack();
  });
}

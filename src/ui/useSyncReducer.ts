import { useCallback, useRef, useState } from 'react';

/**
 * useReducer whose latest state is readable at once through `current()`. Keys can arrive
 * faster than React renders (a fast typist, a busy machine); handlers that read the state
 * from their render's closure would act on a stale selection or save stale text.
 */
export function useSyncReducer<S, A>(reducer: (s: S, a: A) => S, init: () => S) {
  const [state, setState] = useState(init);
  const ref = useRef(state);
  const dispatch = useCallback(
    (action: A) => {
      ref.current = reducer(ref.current, action);
      setState(ref.current);
    },
    [reducer],
  );
  const current = useCallback(() => ref.current, []);
  return [state, dispatch, current] as const;
}

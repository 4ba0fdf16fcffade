import { useLayoutEffect, useRef, type RefObject } from 'react';

/**
 * A ref that holds the latest `value` once its render is committed, for handlers and effects
 * that must call the newest callback without re-subscribing. Assigned in a layout effect, not
 * during render: a discarded render must not leave its callback behind, and keys are handed on
 * only after React has committed (input/keySource.ts), so no key meets the previous one.
 */
export function useLatest<T>(value: T): RefObject<T> {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  }, [value]);
  return ref;
}

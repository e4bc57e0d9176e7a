import { useCallback, useEffect, useRef } from 'react';

/**
 * Runs `action` once the operator has paused for `delayMs`: every call of
 * `schedule` restarts the wait, so a search runs once per pause in typing,
 * from the very first keystroke on. `cancel` drops a pending run (Enter runs
 * the search at once instead); leaving the screen drops it too.
 */
export function useDebounced<A extends unknown[]>(action: (...args: A) => void, delayMs: number) {
  const latest = useRef(action);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    latest.current = action;
  });
  const cancel = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  }, []);
  useEffect(() => cancel, [cancel]);
  const schedule = useCallback(
    (...args: A) => {
      cancel();
      timer.current = setTimeout(() => {
        timer.current = null;
        latest.current(...args);
      }, delayMs);
    },
    [cancel, delayMs],
  );
  return { schedule, cancel };
}

import { useEffect, useRef, useState } from 'preact/hooks';
import { isSignInFailure } from './api';
import type { Load } from './useReports';

/**
 * One call's data for a view, re-run when `key` (its parameters, as text) changes or `reload()`
 * is called; a 401/403 signs out, any other failure is the section's message.
 */
export function useLoad<T>(
  fetcher: () => Promise<T>,
  key: string,
  onAuthFailure: (message: string) => void,
): [Load<T>, () => void] {
  const [load, setLoad] = useState<Load<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  const lastRound = useRef(round);
  useEffect(() => {
    let current = true;
    // A reload keeps what is shown until the new data is there (no flash of "Loading…").
    if (lastRound.current === round) setLoad({ state: 'loading' });
    lastRound.current = round;
    fetcher().then(
      (data) => current && setLoad({ state: 'ok', data }),
      (error: unknown) => {
        if (!current) return;
        if (isSignInFailure(error)) return onAuthFailure(error.message);
        setLoad({
          state: 'error',
          message: error instanceof Error ? error.message : String(error),
        });
      },
    );
    return () => {
      current = false;
    };
  }, [key, round]);
  return [load, () => setRound((r) => r + 1)];
}

import { useEffect, useRef, useState } from 'preact/hooks';
import { fetchReport, fetchResponses, isSignInFailure } from './api';
import type { Report, ResponsesPage } from './api';
import type { Credentials } from './auth';
import { apiParams, type Filters } from './filters';

/** One section's data: loading, failed (with the message to show) or there. */
export type Load<T> =
  { state: 'loading' } | { state: 'error'; message: string } | { state: 'ok'; data: T };

export interface Reports {
  /** Summary and the day-by-day trend, under every filter. */
  days: Load<Report>;
  /** Every agent under the other filters (the agent filter marks a row, for comparison). */
  agents: Load<Report>;
  /** Every department under the other filters, likewise. */
  departments: Load<Report>;
  comments: Load<ResponsesPage>;
}

const LOADING: Reports = {
  days: { state: 'loading' },
  agents: { state: 'loading' },
  departments: { state: 'loading' },
  comments: { state: 'loading' },
};

/** The four calls behind the page, re-run whenever the filters change. */
export function useReports(
  filters: Filters,
  credentials: Credentials,
  onAuthFailure: (message: string) => void,
  /** Bumped to load again with the same filters (a follow-up changed the counts). */
  round = 0,
): Reports {
  const [reports, setReports] = useState<Reports>(LOADING);
  const lastRound = useRef(round);

  useEffect(() => {
    let current = true;
    // A reload keeps the figures shown until the new ones are there (no flash of "Loading…").
    if (lastRound.current === round) setReports(LOADING);
    lastRound.current = round;
    const settle = <K extends keyof Reports>(key: K, promise: Promise<unknown>) => {
      promise.then(
        (data) => current && setReports((r) => ({ ...r, [key]: { state: 'ok', data } })),
        (error: unknown) => {
          if (!current) return;
          if (isSignInFailure(error)) {
            current = false;
            return onAuthFailure(error.message);
          }
          const message = error instanceof Error ? error.message : String(error);
          setReports((r) => ({ ...r, [key]: { state: 'error', message } }));
        },
      );
    };
    const all = apiParams(filters);
    // Each figure beside the previous period's, to tell a real change from noise.
    const compared = (params: Record<string, string>) => ({ ...params, compare: 'previous' });
    settle('days', fetchReport(compared(all), credentials, 'day'));
    settle('agents', fetchReport(compared(apiParams(filters, 'agentId')), credentials, 'agent'));
    settle(
      'departments',
      fetchReport(compared(apiParams(filters, 'departmentId')), credentials, 'department'),
    );
    settle('comments', fetchResponses({ ...all, hasComment: 'true', count: '10' }, credentials));
    return () => {
      current = false;
    };
    // The filters' fields, not the object: a new object with the same values loads nothing.
  }, [
    filters.preset,
    filters.from,
    filters.to,
    filters.tz,
    filters.departmentId,
    filters.agentId,
    credentials,
    round,
  ]);

  return reports;
}

/** The one message when every call failed alike (a refused period, the service down), else null. */
export function sharedError(reports: Reports): string | null {
  const loads = Object.values(reports) as Array<Load<unknown>>;
  const messages = new Set(loads.map((l) => (l.state === 'error' ? l.message : null)));
  const [only] = messages;
  return messages.size === 1 && only !== null ? only : null;
}

import { useEffect, useRef, useState } from 'preact/hooks';
import { fetchDashboard, isSignInFailure } from './api';
import type { Dashboard, Report, ResponsesPage } from './api';
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

/** The call behind the overview, re-run whenever the filters change. */
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
    // One call, one pass over the rooms (survey.dashboard), each figure beside the previous
    // period's to tell a real change from noise; every section shares its outcome.
    fetchDashboard({ ...apiParams(filters), compare: 'previous' }, credentials).then(
      (data) => current && setReports(sections(data)),
      (error: unknown) => {
        if (!current) return;
        if (isSignInFailure(error)) {
          current = false;
          return onAuthFailure(error.message);
        }
        const failed = {
          state: 'error',
          message: error instanceof Error ? error.message : String(error),
        } as const;
        setReports({ days: failed, agents: failed, departments: failed, comments: failed });
      },
    );
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

/** The sections as the overview reads them, from the dashboard's one answer. */
function sections(data: Dashboard): Reports {
  const { period, previous, summary, links } = data;
  const report = (groups: Report['groups']): Load<Report> => ({
    state: 'ok',
    data: { period, previous, summary, links, groups },
  });
  return {
    days: report(data.byDay),
    agents: report(data.byAgent),
    departments: report(data.byDepartment),
    comments: { state: 'ok', data: data.comments },
  };
}

/** The one message when every call failed alike (a refused period, the service down), else null. */
export function sharedError(reports: Reports): string | null {
  const loads = Object.values(reports) as Array<Load<unknown>>;
  const messages = new Set(loads.map((l) => (l.state === 'error' ? l.message : null)));
  const [only] = messages;
  return messages.size === 1 && only !== null ? only : null;
}

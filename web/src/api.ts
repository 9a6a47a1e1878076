/** The public reports API (docs/reports.md): the only thing the page calls. */
import type { Credentials } from './auth';
import { t } from './i18n';

export type * from './api-types';
import type {
  Dashboard,
  FollowupsPage,
  FollowupStatus,
  GroupBy,
  Report,
  ResponsesPage,
} from './api-types';

const BASE = '/api/v1/livechat';

/** A failed call, with the message the page shows for it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A call refused for its credentials (401) or its user's role (403): the form shows why. */
export const isSignInFailure = (error: unknown): error is ApiError =>
  error instanceof ApiError && (error.status === 401 || error.status === 403);

function headersOf(credentials: Credentials): Record<string, string> {
  return credentials.kind === 'key'
    ? { 'X-Api-Key': credentials.apiKey }
    : { 'X-User-Id': credentials.userId, 'X-Auth-Token': credentials.token };
}

/** Seconds until `epochMs`, at least 1. */
const secondsUntil = (epochMs: number) => Math.max(1, Math.ceil((epochMs - Date.now()) / 1000));

/**
 * A 401 tells in its X-RateLimit-* headers what this address has left of its failed sign-ins
 * (no headers while rate limiting is off).
 */
function rejectedMessage(res: Response): string {
  const left = res.headers.get('X-RateLimit-Remaining');
  const { rejected, attemptsLeft, paused } = t().errors;
  if (left === null) return rejected;
  if (Number(left) > 0) return `${rejected} ${attemptsLeft(Number(left))}`;
  return `${rejected} ${paused(secondsUntil(Number(res.headers.get('X-RateLimit-Reset'))))}`;
}

async function failureMessage(res: Response): Promise<string> {
  if (res.status === 401) return rejectedMessage(res);
  if (res.status === 403) {
    // A key without the route's scope, or a user without a manager role: different remedies.
    const body = (await res.json().catch(() => ({}))) as { error?: string };
    const scope = /lacks the scope (\S+) \[/.exec(body.error ?? '')?.[1];
    return scope ? t().errors.forbiddenScope(scope) : t().errors.forbidden;
  }
  if (res.status === 429)
    return t().errors.tooManyRequests(Number(res.headers.get('Retry-After')) || 60);
  const body = (await res.json().catch(() => ({}))) as { error?: string };
  return t().errors.serviceAnswered(res.status, body.error ?? res.statusText);
}

async function call(
  route: string,
  params: Record<string, string>,
  credentials: Credentials,
  body?: object,
) {
  const url = `${BASE}/${route}?${new URLSearchParams(params).toString()}`;
  const headers = headersOf(credentials);
  let res: Response;
  try {
    res = await fetch(
      url,
      body
        ? {
            method: 'POST',
            headers: { ...headers, 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          }
        : { headers },
    );
  } catch {
    throw new ApiError(0, t().errors.unreachable);
  }
  if (res.ok) return res;
  throw new ApiError(res.status, await failureMessage(res));
}

/**
 * Whether the credentials hold, in one call (one sign-in is one attempt against the address's
 * budget of failed sign-ins): a report of one day, the smallest.
 */
export async function checkCredentials(credentials: Credentials): Promise<void> {
  const day = (offset: number) =>
    new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  await call('survey.report', { from: day(0), to: day(1) }, credentials);
}

export async function fetchReport(
  params: Record<string, string>,
  credentials: Credentials,
  groupBy?: GroupBy,
): Promise<Report> {
  const res = await call('survey.report', groupBy ? { ...params, groupBy } : params, credentials);
  return (await res.json()) as Report;
}

/** survey.dashboard: the overview's figures (summary, days, agents, departments, comments) at once. */
export async function fetchDashboard(
  params: Record<string, string>,
  credentials: Credentials,
): Promise<Dashboard> {
  const res = await call('survey.dashboard', params, credentials);
  return (await res.json()) as Dashboard;
}

export async function fetchResponses(
  params: Record<string, string>,
  credentials: Credentials,
): Promise<ResponsesPage> {
  const res = await call('survey.responses', params, credentials);
  return (await res.json()) as ResponsesPage;
}

export async function fetchFollowups(
  params: Record<string, string>,
  credentials: Credentials,
): Promise<FollowupsPage> {
  const res = await call('survey.followups', params, credentials);
  return (await res.json()) as FollowupsPage;
}

/** A follow-up's new status (and note): who and when is the service's to record. */
export async function saveFollowup(
  change: { rid: string; status: FollowupStatus; note?: string },
  credentials: Credentials,
): Promise<void> {
  await call('survey.followup', {}, credentials, change);
}

/** The export as a file: fetched with the credentials (a plain link could not send them). */
export async function downloadCsv(
  params: Record<string, string>,
  credentials: Credentials,
): Promise<void> {
  const res = await call('survey.export.csv', params, credentials);
  const disposition = res.headers.get('Content-Disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'survey-responses.csv';
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the blob by now; keep it a moment for slow download managers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The public reports API (README "Survey reports"): the only thing the page calls. */
import type { Figures, LinkFunnel } from '../../src/reports/report-figures';
import type { Credentials } from './auth';

export type { Figures, ItemFigures } from '../../src/reports/report-figures';

const BASE = '/api/v1/livechat';

export interface Group extends Figures {
  key: string | null;
  label: string | null;
}
export interface Report {
  period: { from: string; to: string; tz: string };
  summary: Figures;
  /** survey.report's link funnel (the summary's alone). */
  links?: LinkFunnel;
  groups?: Group[];
}
export interface ResponseRow {
  rid: string;
  submittedAt: string;
  agent: { _id: string; username: string | null } | null;
  departmentId: string | null;
  items: Record<string, string>;
  comment: string | null;
}
export interface ResponsesPage {
  responses: ResponseRow[];
  total: number;
}

/** A failed call, with the message the page shows for it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const SIGNED_OUT_MESSAGES: Record<number, string> = {
  401: 'Sign-in failed (401): the user ID and token, or the API key, were not accepted. Check them and sign in again.',
  403: 'Access denied (403): this user is neither a livechat manager nor an admin. Sign in as a manager.',
};

function headersOf(credentials: Credentials): Record<string, string> {
  return credentials.kind === 'key'
    ? { 'X-Api-Key': credentials.apiKey }
    : { 'X-User-Id': credentials.userId, 'X-Auth-Token': credentials.token };
}

async function call(route: string, params: Record<string, string>, credentials: Credentials) {
  const url = `${BASE}/${route}?${new URLSearchParams(params).toString()}`;
  let res: Response;
  try {
    res = await fetch(url, { headers: headersOf(credentials) });
  } catch {
    throw new ApiError(0, 'The service could not be reached. Check the connection and retry.');
  }
  if (res.ok) return res;
  const body = (await res.json().catch(() => ({}))) as { error?: string };
  const message =
    SIGNED_OUT_MESSAGES[res.status] ??
    (res.status === 429
      ? 'Too many requests: wait a minute, then retry.'
      : `The service answered ${res.status}: ${body.error ?? res.statusText}`);
  throw new ApiError(res.status, message);
}

export async function fetchReport(
  params: Record<string, string>,
  credentials: Credentials,
  groupBy?: 'day' | 'agent' | 'department',
): Promise<Report> {
  const res = await call('survey.report', groupBy ? { ...params, groupBy } : params, credentials);
  return (await res.json()) as Report;
}

export async function fetchResponses(
  params: Record<string, string>,
  credentials: Credentials,
): Promise<ResponsesPage> {
  const res = await call('survey.responses', params, credentials);
  return (await res.json()) as ResponsesPage;
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

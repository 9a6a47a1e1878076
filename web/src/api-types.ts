/** What the reports API answers, as the page reads it (docs/reports.md). */
import type { Compared, Figures, LinkFunnel } from '../../src/reports/report-figures';

export type { Change, Difference, Figures, ItemFigures } from '../../src/reports/report-figures';

/** The follow-up queue's counts in the summary (survey.report). */
export interface FollowupCounts {
  open: number;
  contacted: number;
  resolved: number;
  medianResolveMs: number | null;
}
export interface Summary extends Figures, Partial<Compared> {
  followups?: FollowupCounts;
}
export interface Group extends Figures, Partial<Compared> {
  key: string | null;
  label: string | null;
}
export type GroupBy = 'day' | 'agent' | 'department' | 'weekday-hour';
export interface Report {
  period: { from: string; to: string; tz: string };
  /** compare=previous: the period just before. */
  previous?: { from: string; to: string };
  summary: Summary;
  /** survey.report's link funnel (the summary's alone). */
  links?: LinkFunnel;
  groups?: Group[];
}
/** survey.dashboard: what the overview shows, from one pass over the rooms. */
export interface Dashboard {
  period: Report['period'];
  previous?: Report['previous'];
  summary: Summary;
  links: LinkFunnel;
  byDay: Group[];
  byWeekdayHour: Group[];
  /** Every agent under the other filters (the agent filter marks a row, for comparison). */
  byAgent: Group[];
  /** Every department under the other filters, likewise. */
  byDepartment: Group[];
  comments: ResponsesPage;
}
export interface Agent {
  _id: string;
  username: string | null;
  /** The user's name in Rocket.Chat (survey.responses, survey.followups), null when unknown. */
  name?: string | null;
}
export interface ResponseRow {
  rid: string;
  submittedAt: string;
  agent: Agent | null;
  departmentId: string | null;
  department?: { _id: string; name: string | null } | null;
  items: Record<string, string>;
  comment: string | null;
  /** The conversation in Rocket.Chat, when ROCKETCHAT_URL is set. */
  link?: string | null;
}
export interface ResponsesPage {
  responses: ResponseRow[];
  offset?: number;
  total: number;
}
export type FollowupStatus = 'open' | 'contacted' | 'resolved';
export interface Followup {
  rid: string;
  satisfaction: string;
  comment: string | null;
  answeredAt: string;
  agent: Agent | null;
  departmentId: string | null;
  department: { _id: string; name: string | null } | null;
  link: string | null;
  status: FollowupStatus;
  note: string | null;
  updatedAt: string | null;
}
export interface FollowupsPage {
  followups: Followup[];
  offset: number;
  total: number;
}

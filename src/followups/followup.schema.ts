/**
 * The follow-ups' collection: one document per followed-up answer, `_id` = the room id, so two
 * instances inserting the first one insert it once (FerretDB v1: a unique insert is the only safe
 * claim; every later change replaces the whole document in one statement).
 */
export const FOLLOWUPS_COLLECTION = 'livechat_survey_followups';

export const FOLLOWUP_STATUSES = ['open', 'contacted', 'resolved'] as const;
export type FollowupStatus = (typeof FOLLOWUP_STATUSES)[number];

/** The history kept on a follow-up: its last changes (the page and the outbox need no more). */
export const HISTORY_LENGTH = 20;

export interface FollowupActor {
  _id: string;
  username: string | null;
}

export interface FollowupChange {
  status: FollowupStatus;
  at: Date;
  by: FollowupActor;
  /** The survey.followed_up outbox event written for this change, when a hook wanted one. */
  eventId?: string;
}

export interface FollowupDocument {
  /** The room id. */
  _id: string;
  status: FollowupStatus;
  note: string | null;
  /** The answer followed up: a newer answer of the room starts a new follow-up. */
  answeredAt: Date;
  satisfaction: string;
  updatedBy: FollowupActor;
  updatedAt: Date;
  /** The first time this answer's follow-up became resolved (kept when reopened). */
  firstResolvedAt: Date | null;
  /** The newest last, at most HISTORY_LENGTH. */
  history: FollowupChange[];
}

/**
 * The survey links' collections: plain driver collections, like the webhooks'. Every claim is an
 * insert under a unique key (FerretDB v1 updates are read-modify-write, never a safe claim).
 */
export const LINKS_COLLECTION = 'livechat_survey_links';
/** One document per answered link, `_id` = the link's id: whoever inserts it answers. */
export const LINK_ANSWERS_COLLECTION = 'livechat_survey_link_answers';

export interface SurveyLinkDocument {
  /** 32 characters of base64url: 192 random bits (crypto.randomBytes), the URL's credential. */
  _id: string;
  rid: string;
  /** The room's visitor when the link was made: erasure (or another visitor) kills the link. */
  visitorId: string;
  createdAt: Date;
  expiresAt: Date;
  /**
   * The room id while this is the room's live link (unique, sparse): a second link for the
   * same room cannot be inserted, whichever instance tries. Removed once expired.
   */
  live?: string;
  openedAt?: Date;
  answeredAt?: Date;
}

export interface LinkAnswerDocument {
  _id: string;
  answeredAt: Date;
}

import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter } from 'prom-client';
import { Clock } from '../common/clock';
import { RocketChatError } from '../common/rocketchat-error';
import { appConfig, type AppConfig } from '../config/app.config';
import { LIVECHAT_ROOM, RoomRepository, type RoomDocument } from '../livechat/room/room.repository';
import { SurveyLinkRepository } from './survey-link.repository';
import type { SurveyLinkDocument } from './survey-link.schema';

export const SURVEY_LINKS_TOTAL = 'livechat_survey_links_total';
export const SURVEY_PATH = '/survey';

/** A room that may get a link: livechat, its visitor not erased, no answers yet. */
export type LinkableRoom = RoomDocument & { v: { _id: string; token: string } };

/** Why a room gets no link; null when it may. */
export function linkRefusal(room: RoomDocument | null): RocketChatError | null {
  if (!room) return RocketChatError.bracketed('error-room-not-found', 'Room not found', 404);
  if (room.t !== LIVECHAT_ROOM) {
    return RocketChatError.bracketed('error-invalid-room', 'The room is not a livechat room');
  }
  // Erasure removes the token from the room (here) or the room itself (Rocket.Chat).
  if (!room.v?._id || !room.v.token) {
    return RocketChatError.bracketed('error-visitor-erased', "The room's visitor was erased");
  }
  if (hasAnswers(room)) {
    return RocketChatError.bracketed(
      'error-survey-answered',
      "The room's survey is already answered",
    );
  }
  return null;
}

export const hasAnswers = (room: RoomDocument) =>
  room.surveyFeedback !== undefined && Object.keys(room.surveyFeedback).length > 0;

/**
 * Survey links: one live link per room at a time (a retried request gets the same one), with an
 * id of 192 random bits that nothing about the room or visitor derives, valid SURVEY_LINK_TTL_DAYS.
 */
@Injectable()
export class SurveyLinksService {
  constructor(
    private readonly links: SurveyLinkRepository,
    private readonly rooms: RoomRepository,
    private readonly clock: Clock,
    @Inject(appConfig.KEY) private readonly config: AppConfig,
    @InjectMetric(SURVEY_LINKS_TOTAL) private readonly stages: Counter<string>,
  ) {}

  /** POST survey.link: the room's live link, made when it has none. */
  async create(rid: string): Promise<{ url: string; expiresAt: string }> {
    const { publicUrl } = this.config.surveyLinks;
    if (!publicUrl) {
      throw RocketChatError.bracketed(
        'error-public-url-not-set',
        'Survey links need PUBLIC_URL (the public origin they start with); it is not set',
        503,
      );
    }
    const room = await this.rooms.findById(rid);
    const refusal = linkRefusal(room);
    if (refusal) throw refusal;
    const link = await this.liveLink(room as LinkableRoom);
    return { url: this.url(link._id)!, expiresAt: link.expiresAt.toISOString() };
  }

  /**
   * A closed room's live link for its room.closed event; null when it may get none (already
   * answered, erased visitor, no longer there) or when PUBLIC_URL is unset.
   */
  async forClosedRoom(rid: string): Promise<string | null> {
    if (!this.config.surveyLinks.publicUrl) return null;
    const room = await this.rooms.findById(rid);
    if (linkRefusal(room)) return null;
    return this.url((await this.liveLink(room as LinkableRoom))._id)!;
  }

  /** The page's URL for a link id; undefined without PUBLIC_URL. */
  url(id: string): string | undefined {
    const { publicUrl } = this.config.surveyLinks;
    return publicUrl ? `${publicUrl}${SURVEY_PATH}/${id}` : undefined;
  }

  /** The room's live link: the unexpired one of its visitor, or a new one. */
  async liveLink(room: LinkableRoom): Promise<SurveyLinkDocument> {
    // A lost insert means another request made the live link just now: read it (twice at most).
    for (let attempt = 0; attempt < 3; attempt++) {
      const now = this.clock.now();
      const live = await this.links.findLive(room._id);
      if (live && live.expiresAt > now && live.visitorId === room.v._id) return live;
      if (live) await this.links.retire(live);
      const link: SurveyLinkDocument = {
        _id: randomBytes(24).toString('base64url'),
        rid: room._id,
        visitorId: room.v._id,
        createdAt: now,
        expiresAt: new Date(now.getTime() + this.config.surveyLinks.ttlMs),
        live: room._id,
      };
      if (await this.links.insertLive(link)) {
        this.stages.inc({ stage: 'created' });
        return link;
      }
    }
    throw new Error(`no live survey link for room ${room._id} after 3 attempts`);
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { KeyedMutex } from '../common/keyed-mutex';
import { RocketChatError } from '../common/rocketchat-error';
import { appConfig, type AppConfig } from '../config/app.config';
import { RoomReportRepository } from '../livechat/room/room-report.repository';
import { SurveyRules } from '../livechat/survey/survey-rules';
import type { Actor } from '../reports/manager-auth.service';
import { responseOf, SATISFACTION, type Response } from '../reports/report-fold';
import { SurveyEventsService } from '../webhooks/survey-events.service';
import type { UpdateFollowupDto } from './dto/followup.dto';
import { FollowupFiguresService } from './followup-figures.service';
import { FollowupRepository } from './followup.repository';
import { HISTORY_LENGTH, type FollowupDocument, type FollowupStatus } from './followup.schema';

/** POST survey.followup's answer: the follow-up as stored, and the status before this request. */
export interface FollowupView {
  rid: string;
  status: FollowupStatus;
  previousStatus: FollowupStatus;
  note: string | null;
  satisfaction: string;
  answeredAt: string;
  updatedBy: Actor | null;
  updatedAt: string | null;
  firstResolvedAt: string | null;
}

type Queued = Response & { satisfaction: string };

/** A lost first insert means another instance inserted it: read again, then replace. */
const ATTEMPTS = 3;

/**
 * survey.followup: one follow-up per queued answer, each change one whole-document write
 * (FerretDB v1 updates are read-modify-write: a partial update could mix two changes), one at a
 * time per room in this process; across instances the last write wins.
 */
@Injectable()
export class FollowupsService {
  private readonly rules: SurveyRules;
  private readonly mutex = new KeyedMutex();

  constructor(
    private readonly followups: FollowupRepository,
    private readonly rooms: RoomReportRepository,
    private readonly figures: FollowupFiguresService,
    private readonly events: SurveyEventsService,
    @Inject(appConfig.KEY) private readonly config: AppConfig,
  ) {
    this.rules = new SurveyRules(config.survey);
  }

  async update(dto: UpdateFollowupDto, actor: Actor): Promise<FollowupView> {
    const answer = await this.queuedAnswer(dto.rid);
    return this.mutex.run(dto.rid, async () => {
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        const view = await this.write(dto, answer, actor);
        if (view) return view;
      }
      throw new Error(`follow-up of room ${dto.rid} not written after ${ATTEMPTS} attempts`);
    });
  }

  /** The room's kept answer, when it is in the queue; else why not. */
  private async queuedAnswer(rid: string): Promise<Queued> {
    const room = await this.rooms.findOne(rid);
    if (!room) throw RocketChatError.bracketed('error-room-not-found', 'Room not found', 404);
    const response = responseOf(room, this.rules);
    if (!response) {
      throw RocketChatError.bracketed('error-survey-not-answered', 'The room has no survey answer');
    }
    const satisfaction = response.items[SATISFACTION];
    if (satisfaction === undefined || !this.figures.queued(satisfaction)) {
      const { maxSatisfaction } = this.config.followups;
      throw RocketChatError.bracketed(
        'error-not-in-followup-queue',
        `The answer's satisfaction is above the follow-up threshold (${maxSatisfaction})`,
      );
    }
    return { ...response, satisfaction };
  }

  /** One attempt; null when another instance inserted the follow-up first. */
  private async write(
    dto: UpdateFollowupDto,
    answer: Queued,
    actor: Actor,
  ): Promise<FollowupView | null> {
    const stored = await this.followups.findOne(dto.rid);
    // A newer answer of the room starts a new follow-up.
    const current = stored?.answeredAt.getTime() === answer.at.getTime() ? stored : null;
    const previousStatus = current?.status ?? 'open';
    const note = dto.note === undefined || dto.note === null ? (current?.note ?? null) : dto.note;
    const next = { status: dto.status, note: note === '' ? null : note };
    if (next.status === previousStatus && next.note === (current?.note ?? null)) {
      return current ? view(current, previousStatus) : unstored(dto.rid, answer);
    }
    const now = new Date();
    const followup = nextFollowup(dto.rid, answer, current, next, actor, now);
    const data = { rid: dto.rid, ...next, previousStatus, by: actor, at: now.toISOString() };
    const written = await this.events.storeWithFollowupEvent(data, now, (eventId) => {
      if (eventId) followup.history[followup.history.length - 1].eventId = eventId;
      return this.followups.write(followup, stored !== null);
    });
    return written ? view(followup, previousStatus) : null;
  }
}

function nextFollowup(
  rid: string,
  answer: Queued,
  current: FollowupDocument | null,
  next: { status: FollowupStatus; note: string | null },
  actor: Actor,
  now: Date,
): FollowupDocument {
  const change = { status: next.status, at: now, by: actor };
  return {
    _id: rid,
    ...next,
    answeredAt: answer.at,
    satisfaction: answer.satisfaction,
    updatedBy: actor,
    updatedAt: now,
    firstResolvedAt: current?.firstResolvedAt ?? (next.status === 'resolved' ? now : null),
    history: [...(current?.history ?? []), change].slice(-HISTORY_LENGTH),
  };
}

function view(followup: FollowupDocument, previousStatus: FollowupStatus): FollowupView {
  return {
    rid: followup._id,
    status: followup.status,
    previousStatus,
    note: followup.note,
    satisfaction: followup.satisfaction,
    answeredAt: followup.answeredAt.toISOString(),
    updatedBy: followup.updatedBy,
    updatedAt: followup.updatedAt.toISOString(),
    firstResolvedAt: followup.firstResolvedAt?.toISOString() ?? null,
  };
}

/** An answer never followed up, asked to stay open: nothing to store. */
function unstored(rid: string, answer: Queued): FollowupView {
  return {
    rid,
    status: 'open',
    previousStatus: 'open',
    note: null,
    satisfaction: answer.satisfaction,
    answeredAt: answer.at.toISOString(),
    updatedBy: null,
    updatedAt: null,
    firstResolvedAt: null,
  };
}

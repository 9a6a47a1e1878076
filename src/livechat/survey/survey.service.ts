import { Inject, Injectable } from '@nestjs/common';
import { RocketChatError } from '../../common/rocketchat-error';
import { appConfig, type AppConfig } from '../../config/app.config';
import { SurveyEventsService } from '../../webhooks/survey-events.service';
import { RoomRepository, type SurveySource } from '../room/room.repository';
import { SurveyRules, type SurveyItem } from './survey-rules';

@Injectable()
export class SurveyService {
  private readonly rules: SurveyRules;

  constructor(
    private readonly rooms: RoomRepository,
    private readonly events: SurveyEventsService,
    @Inject(appConfig.KEY) config: AppConfig,
  ) {
    this.rules = new SurveyRules(config.survey);
  }

  /**
   * Stores a visitor's answers on their livechat room; returns what was stored. The token is
   * already known to belong to a visitor. Rocket.Chat's order of checks holds (room before
   * data), but when something is kept the guarded update is itself the room check: one round
   * trip instead of a read and a write. With webhooks registered, the outbox event is written
   * around the update (SurveyEventsService.storeWithEvent); without, nothing more is done.
   */
  async submit(
    rid: string,
    token: string,
    data: readonly SurveyItem[],
    source: SurveySource = 'widget',
  ) {
    const kept = this.rules.keep(data);
    if (kept === null) {
      const ownRoom = await this.rooms.existsForVisitor(rid, token);
      throw RocketChatError.bracketed(ownRoom ? 'invalid-data' : 'invalid-room');
    }
    const { answerNames } = this.rules;
    const stored = await this.events.storeWithEvent(rid, kept, source, (first) =>
      this.rooms.setSurveyFeedback(rid, token, kept, answerNames, source, first),
    );
    if (!stored) throw RocketChatError.bracketed('invalid-room');
    return kept;
  }
}

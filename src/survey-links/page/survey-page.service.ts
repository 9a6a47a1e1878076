import { Inject, Injectable } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter } from 'prom-client';
import { Clock } from '../../common/clock';
import { RocketChatError } from '../../common/rocketchat-error';
import { appConfig, type AppConfig } from '../../config/app.config';
import { AgentRepository } from '../../livechat/agent/agent.repository';
import { RoomRepository, type RoomDocument } from '../../livechat/room/room.repository';
import { SurveyService } from '../../livechat/survey/survey.service';
import { SurveyLinkRepository } from '../survey-link.repository';
import type { SurveyLinkDocument } from '../survey-link.schema';
import { hasAnswers, SURVEY_LINKS_TOTAL } from '../survey-links.service';
import { CATALOGUES } from './language';
import { itemLabel } from './item-labels';
import { judgeForm } from './survey-form';
import { renderForm, renderNotice, type NoticeKind, type PageContext } from './survey-page.view';

/** What a page request answers: an HTTP status and the HTML, or a redirect. */
export type PageAnswer = { status: number; html: string } | { redirect: string };

/** A link id as made (32 base64url characters): anything else is unknown without a query. */
const LINK_ID = /^[A-Za-z0-9_-]{32}$/;

const NOTICE_STATUS: Record<NoticeKind, number> = {
  thanks: 200,
  answered: 200,
  expired: 410,
  gone: 410,
  unknown: 404,
  tooMany: 429,
};

type Judged = { notice: NoticeKind } | { link: SurveyLinkDocument; room: RoomDocument };

/**
 * The hosted survey page: a link's state decides what it shows; answers go through
 * room.survey's own write (SurveyService), marked as the link's, once per link.
 */
@Injectable()
export class SurveyPageService {
  constructor(
    private readonly links: SurveyLinkRepository,
    private readonly rooms: RoomRepository,
    private readonly agents: AgentRepository,
    private readonly surveys: SurveyService,
    private readonly clock: Clock,
    @Inject(appConfig.KEY) private readonly config: AppConfig,
    @InjectMetric(SURVEY_LINKS_TOTAL) private readonly stages: Counter<string>,
  ) {}

  context(language: string): PageContext {
    return { language, messages: CATALOGUES[language] };
  }

  notice(context: PageContext, kind: NoticeKind, seconds = 0): PageAnswer {
    return { status: NOTICE_STATUS[kind], html: renderNotice(context, kind, seconds) };
  }

  /** GET: the form, or what keeps it from being shown. The first view counts as opened. */
  async show(id: string, context: PageContext): Promise<PageAnswer> {
    const judged = await this.judge(id);
    if ('notice' in judged) return this.notice(context, judged.notice);
    if (await this.links.markOpened(id, this.clock.now())) this.stages.inc({ stage: 'opened' });
    return { status: 200, html: await this.form(judged.room, context) };
  }

  /** POST: the answers stored and a redirect to the thanks, or the form again with errors. */
  async answer(id: string, body: unknown, context: PageContext): Promise<PageAnswer> {
    const judged = await this.judge(id);
    if ('notice' in judged) {
      const answer = this.notice(context, judged.notice);
      return judged.notice === 'answered' ? { ...answer, status: 409 } : answer;
    }
    const { survey, limits } = this.config;
    const form = judgeForm(body, survey, limits.stringLength);
    if (Object.keys(form.errors).length > 0) {
      return { status: 400, html: await this.form(judged.room, context, form) };
    }
    const now = this.clock.now();
    if (!(await this.links.claimAnswer(id, now))) {
      return { ...this.notice(context, 'answered'), status: 409 };
    }
    try {
      await this.surveys.submit(judged.room._id, judged.room.v!.token!, form.data, 'link');
    } catch (error) {
      await this.links.releaseAnswer(id);
      // The room lost its visitor (erased) between the check and the write.
      if (error instanceof RocketChatError) return this.notice(context, 'gone');
      throw error;
    }
    await this.links.markAnswered(id, now);
    this.stages.inc({ stage: 'answered' });
    return { redirect: `${id}/thanks` };
  }

  /** GET …/thanks: the thanks once the link is answered; before, back to the form. */
  async thanks(id: string, context: PageContext): Promise<PageAnswer> {
    if (!LINK_ID.test(id) || !(await this.links.findOne(id)))
      return this.notice(context, 'unknown');
    if (await this.links.isAnswered(id)) return this.notice(context, 'thanks');
    return { redirect: `../${id}` };
  }

  /** The link's state: unknown, answered (by it or the widget), expired, gone (erased), or open. */
  private async judge(id: string): Promise<Judged> {
    const link = LINK_ID.test(id) ? await this.links.findOne(id) : null;
    if (!link) return { notice: 'unknown' };
    if (link.answeredAt || (await this.links.isAnswered(id))) return { notice: 'answered' };
    if (link.expiresAt <= this.clock.now()) return { notice: 'expired' };
    const room = await this.rooms.findById(link.rid);
    if (!room?.v?.token || room.v._id !== link.visitorId) return { notice: 'gone' };
    if (hasAnswers(room)) return { notice: 'answered' };
    return { link, room };
  }

  private async form(
    room: RoomDocument,
    context: PageContext,
    judged?: ReturnType<typeof judgeForm>,
  ) {
    const agentId = room.servedBy?._id;
    const agent = agentId ? await this.agents.findName(agentId) : null;
    const { items, values } = this.config.survey;
    const labels = this.config.surveyLinks.itemLabels;
    return renderForm({
      ...context,
      agent: agent ?? room.servedBy?.username ?? null,
      date: new Date(room.closedAt ?? room.ts ?? this.clock.now()),
      items: items.map((name) => ({
        name,
        label: itemLabel(name, context.language, context.messages, labels),
      })),
      values,
      maxLength: this.config.limits.stringLength,
      judged,
    });
  }
}

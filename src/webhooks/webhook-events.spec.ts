import { Webhook } from 'standardwebhooks';
import {
  answersStored,
  attemptOutcome,
  deliveriesFor,
  eventData,
  isLowScore,
} from './webhook-events';
import type { SurveyEventDocument, WebhookDocument } from './webhook.schema';
import { sign } from './webhook-sender';

describe('webhook signatures', () => {
  it('verify with the standardwebhooks package, and fail for another body', () => {
    const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
    const timestamp = Math.floor(Date.now() / 1000);
    const body = '{"type":"survey.submitted"}';
    const headers = {
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(timestamp),
      'webhook-signature': sign(secret, 'msg_1', timestamp, body),
    };
    expect(new Webhook(secret).verify(body, headers)).toEqual({ type: 'survey.submitted' });
    expect(() => new Webhook(secret).verify(`${body} `, headers)).toThrow();
  });
});

describe('low scores', () => {
  const values = ['1', '2', '3', '4', '5'];
  it.each([
    ['1', true],
    ['2', true],
    ['3', false],
    [undefined, false],
  ])('satisfaction %s under threshold 2: %s', (satisfaction, low) => {
    expect(isLowScore(satisfaction, '2', values)).toBe(low);
  });
  it('orders non-numeric scales by SURVEY_VALUES', () => {
    expect(isLowScore('bad', 'meh', ['bad', 'meh', 'good'])).toBe(true);
    expect(isLowScore('good', 'meh', ['bad', 'meh', 'good'])).toBe(false);
  });
});

describe('attempt outcomes', () => {
  const now = new Date('2026-12-01T00:00:00Z');
  const schedule = [5000, 300_000];
  it('retries on the schedule with ±20 % jitter, then fails', () => {
    const first = attemptOutcome(1, false, { status: 500, error: null }, schedule, now);
    expect(first.status).toBe('pending');
    const wait = first.nextAttemptAt!.getTime() - now.getTime();
    expect(wait).toBeGreaterThanOrEqual(4000);
    expect(wait).toBeLessThanOrEqual(6000);
    expect(attemptOutcome(3, false, { status: null, error: 'x' }, schedule, now)).toEqual(
      expect.objectContaining({ status: 'failed', lastError: 'x', nextAttemptAt: null }),
    );
  });
  it('a manual retry is one attempt', () => {
    expect(attemptOutcome(4, true, { status: 503, error: null }, schedule, now).status).toBe(
      'failed',
    );
  });
  it('a 2xx is delivered', () => {
    expect(attemptOutcome(1, false, { status: 204, error: null }, schedule, now)).toEqual(
      expect.objectContaining({ status: 'delivered', lastStatus: 204, deliveredAt: now }),
    );
  });
});

describe("whether an event's answers were stored", () => {
  const submittedAt = new Date('2026-12-01T10:00:00.000Z');
  const event = (stored?: boolean): SurveyEventDocument => ({
    _id: 'e1',
    rid: 'r1',
    submittedAt,
    items: { satisfaction: '5' },
    comment: null,
    ...(stored !== undefined && { stored }),
  });
  const room = (surveyFeedbackAt?: Date) => ({ _id: 'r1', surveyFeedbackAt });
  it('marked stored, or written before the mark existed: yes, whatever the room shows', () => {
    expect(answersStored(event(true), room(new Date(0)))).toBe(true);
    expect(answersStored(event(undefined), null)).toBe(true);
  });
  it('not marked: only when the room carries their time', () => {
    expect(answersStored(event(false), room(new Date(submittedAt.getTime())))).toBe(true);
    expect(answersStored(event(false), room())).toBe(false);
    expect(answersStored(event(false), room(new Date(submittedAt.getTime() + 1)))).toBe(false);
    expect(answersStored(event(false), null)).toBe(false);
  });
});

describe("a survey event's deliveries", () => {
  const now = new Date('2026-12-01T10:00:00.000Z');
  const event: SurveyEventDocument = {
    _id: 'e1',
    rid: 'r1',
    submittedAt: now,
    items: { satisfaction: '1' },
    comment: null,
  };
  const hook = (events: WebhookDocument['events']): WebhookDocument => ({
    _id: 'h1',
    url: 'https://example.com/',
    events,
    lowScoreThreshold: '2',
    secret: 'whsec_x',
    createdAt: now,
  });
  it('a low score goes to a hook as the survey types it chose, never as room.closed', () => {
    const types = (events: WebhookDocument['events']) =>
      deliveriesFor(event, hook(events), eventData(event, null), ['1', '2', '3'], now).map(
        (delivery) => delivery.type,
      );
    expect(types(['room.closed'])).toEqual([]);
    expect(types(['room.closed', 'survey.low_score'])).toEqual(['survey.low_score']);
    expect(types(['survey.submitted', 'survey.low_score'])).toEqual([
      'survey.submitted',
      'survey.low_score',
    ]);
  });
});

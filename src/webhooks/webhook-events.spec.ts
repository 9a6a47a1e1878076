import { Webhook } from 'standardwebhooks';
import {
  answersStored,
  attemptOutcome,
  deliveriesFor,
  eventData,
  followupDeliveries,
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
  const schedule = [5000, 300_000, 1_800_000];
  afterEach(() => jest.restoreAllMocks());

  /** The wait after failed attempt `attempt` when Math.random draws `draw`. */
  const waitAfter = (attempt: number, draw: number) => {
    jest.spyOn(Math, 'random').mockReturnValue(draw);
    const outcome = attemptOutcome(attempt, false, { status: 500, error: null }, schedule, now);
    expect(outcome).toEqual(
      expect.objectContaining({ status: 'pending', attempts: attempt, lastError: 'HTTP 500' }),
    );
    return outcome.nextAttemptAt!.getTime() - now.getTime();
  };

  it('waits the n-th entry of the schedule after attempt n, from 0.8 to 1.2 times it as Math.random draws', () => {
    const lowest = 0;
    const highest = 1 - Number.EPSILON;
    expect(
      [1, 2, 3].map((attempt) => [
        waitAfter(attempt, lowest),
        waitAfter(attempt, 0.5),
        waitAfter(attempt, highest),
      ]),
    ).toEqual([
      [4000, 5000, 6000],
      [240_000, 300_000, 360_000],
      [1_440_000, 1_800_000, 2_160_000],
    ]);
  });
  it('fails once the schedule is spent: the attempt after its last entry', () => {
    expect(attemptOutcome(4, false, { status: null, error: 'x' }, schedule, now)).toEqual({
      attempts: 4,
      lastStatus: null,
      manual: false,
      status: 'failed',
      lastError: 'x',
      nextAttemptAt: null,
    });
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

describe("a follow-up change's deliveries", () => {
  const at = new Date('2026-12-01T10:00:00.000Z');
  const followup = {
    rid: 'r1',
    status: 'resolved',
    previousStatus: 'contacted',
    note: null,
    by: { _id: 'u1', username: 'manager' },
    at: at.toISOString(),
  };
  const event = { _id: 'e2', rid: 'r1', submittedAt: at, items: {}, comment: null, followup };
  const hook = (id: string, events: WebhookDocument['events'], createdAt = at) => ({
    _id: id,
    url: 'https://example.com/',
    events,
    lowScoreThreshold: '2',
    secret: 'whsec_x',
    createdAt,
  });
  it('goes to the hooks that chose survey.followed_up and existed at the change, once each', () => {
    const later = new Date(at.getTime() + 1);
    const deliveries = followupDeliveries(
      event,
      [
        hook('h1', ['survey.followed_up']),
        hook('h2', ['survey.submitted', 'survey.low_score', 'room.closed']),
        hook('h3', ['survey.followed_up'], later),
      ],
      at,
    );
    expect(deliveries.map(({ _id, eventId, type }) => ({ _id, eventId, type }))).toEqual([
      { _id: 'e2_h1_fu', eventId: 'msg_e2_fu', type: 'survey.followed_up' },
    ]);
    expect(JSON.parse(deliveries[0].body)).toEqual({
      type: 'survey.followed_up',
      timestamp: at.toISOString(),
      data: followup,
    });
  });
});

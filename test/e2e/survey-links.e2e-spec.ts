import { Webhook } from 'standardwebhooks';
import { Clock } from '../../src/common/clock';
import { createTestApp, type TestApp } from '../support/app';
import { closedRocketChatRoom, rocketChatVisitor, type Doc } from '../support/factories';
import { FORBIDDEN_BODY } from '../../src/reports/reports.openapi';
import { scopedApiKey, rocketChatUser } from '../support/managers';
import { startReceiver, until } from '../support/webhook-receiver';

const LINK = '/api/v1/livechat/survey.link';
const PUBLIC_URL = 'https://survey.example.com/help';
const DAY = 86_400_000;
const key = scopedApiKey('survey-links:create', 'reports:read', 'webhooks:manage');

/** The page's title (its h1), and whether a text shows anywhere in it. */
const heading = (html: string) => /<h1>([^<]*)<\/h1>/.exec(html)?.[1];

describe('survey links and the hosted survey page', () => {
  let t: TestApp;
  let now: Date;

  beforeAll(async () => {
    t = await createTestApp({
      API_KEYS: key.entry,
      PUBLIC_URL: `${PUBLIC_URL}/`,
      // The survey events' receiver listens on 127.0.0.1.
      WEBHOOKS_ALLOW_PRIVATE: 'true',
    });
    // A clock the test moves: expiry is judged by it.
    jest.spyOn(t.app.get(Clock, { strict: false }), 'now').mockImplementation(() => new Date(now));
    await t.db.collection('users').insertOne({
      _id: 'agentId0000000001',
      username: 'agent.smith',
      name: 'Agent Smith',
      roles: ['user', 'livechat-agent'],
    } as never);
  });
  beforeEach(() => {
    now = new Date();
  });
  afterAll(() => t.close());

  const closedRoom = async (overrides: Record<string, unknown> = {}) => {
    const visitor = rocketChatVisitor();
    const room = closedRocketChatRoom(visitor, overrides);
    await t.visitors.insertOne(visitor);
    await t.rooms.insertOne(room);
    return { visitor, room };
  };
  const link = (rid: unknown, headers: Record<string, string> = {}) =>
    t.http().post(LINK).set('X-Api-Key', key.key).set(headers).send({ rid });
  const linkOf = async (room: Doc) => {
    const res = await link(room._id);
    expect(res.status).toBe(200);
    return { url: res.body.url as string, path: new URL(res.body.url as string).pathname };
  };
  /** The page's own path on this service (PUBLIC_URL's path prefix belongs to the proxy). */
  const pagePath = (url: string) => new URL(url).pathname.replace('/help', '');
  const page = (url: string, language = 'en') =>
    t.http().get(pagePath(url)).set('Accept-Language', language);
  const answer = (url: string, form: string) =>
    t.http().post(pagePath(url)).type('form').send(form);
  const stored = async (room: Doc) => t.rooms.findOne({ _id: room._id });

  describe('POST survey.link', () => {
    it("answers the room's link under PUBLIC_URL, whatever the Host header; the same link again", async () => {
      const { room, visitor } = await closedRoom();
      const first = await link(room._id, {
        Host: 'evil.example',
        'X-Forwarded-Host': 'evil.example',
      });
      expect(first.status).toBe(200);
      expect(first.body).toEqual({
        url: expect.stringMatching(/^https:\/\/survey\.example\.com\/help\/survey\/[\w-]{32}$/),
        expiresAt: new Date(now.getTime() + 14 * DAY).toISOString(),
        success: true,
      });
      expect(Object.keys(first.body)).toEqual(['url', 'expiresAt', 'success']);
      const id = (first.body.url as string).split('/').pop()!;
      for (const secret of [room._id, visitor.token, visitor._id]) expect(id).not.toContain(secret);
      // An integration that retries gets the same link, not a second one.
      now = new Date(now.getTime() + DAY);
      const again = await link(room._id);
      expect(again.body).toEqual(first.body);
      expect(await t.db.collection('livechat_survey_links').countDocuments({ rid: room._id })).toBe(
        1,
      );
    });

    it('makes one link for concurrent requests for one room', async () => {
      const { room } = await closedRoom();
      const answers = await Promise.all(Array.from({ length: 6 }, () => link(room._id)));
      expect(new Set(answers.map((res) => res.status))).toEqual(new Set([200]));
      expect(new Set(answers.map((res) => res.body.url)).size).toBe(1);
      expect(await t.db.collection('livechat_survey_links').countDocuments({ rid: room._id })).toBe(
        1,
      );
    });

    it('says which room gets no link: unknown, not livechat, erased visitor, answered', async () => {
      const { room: direct } = await closedRoom({ t: 'd' });
      const { room: erased } = await closedRoom();
      await t.rooms.updateOne({ _id: erased._id }, { $unset: { 'v.token': 1 } });
      const { room: answered } = await closedRoom({ surveyFeedback: { satisfaction: '4' } });
      const cases: [unknown, number, string, string][] = [
        ['noSuchRoom0000001', 404, 'error-room-not-found', 'Room not found'],
        [direct._id, 400, 'error-invalid-room', 'The room is not a livechat room'],
        [erased._id, 400, 'error-visitor-erased', "The room's visitor was erased"],
        [answered._id, 400, 'error-survey-answered', "The room's survey is already answered"],
        [undefined, 400, 'invalid-params', 'rid must be a room id'],
        [5, 400, 'invalid-params', 'rid must be a room id'],
        ['', 400, 'invalid-params', 'rid must be a room id'],
      ];
      for (const [rid, status, errorType, message] of cases) {
        const res = await link(rid);
        expect([rid, res.status, res.body]).toEqual([
          rid,
          status,
          { success: false, error: `${message} [${errorType}]`, errorType },
        ]);
      }
      expect(await t.db.collection('livechat_survey_links').countDocuments({})).toBeGreaterThan(0);
      for (const room of [direct, erased, answered]) {
        expect(
          await t.db.collection('livechat_survey_links').countDocuments({ rid: room._id }),
        ).toBe(0);
      }
    });

    it('wants the reports credentials', async () => {
      const { room } = await closedRoom();
      const res = await t.http().post(LINK).send({ rid: room._id });
      expect(res.status).toBe(401);
      const wrong = await t.http().post(LINK).set('X-Api-Key', 'nope').send({ rid: room._id });
      expect(wrong.status).toBe(401);
    });
  });

  describe('the page', () => {
    it('shows the agent and the date, the items and the comment; no visitor data; a strict, uncached page', async () => {
      const { room, visitor } = await closedRoom();
      const { url } = await linkOf(room);
      const res = await page(url);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['content-security-policy']).toMatch(
        /^default-src 'none'; style-src 'sha256-[\w+/=]+'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'$/,
      );
      expect(heading(res.text)).toBe('How was your conversation?');
      expect(res.text).toContain('<p>You talked with Agent Smith on November 1, 2026.</p>');
      for (const question of [
        'Overall, how satisfied are you?',
        'How knowledgeable was the agent?',
        'How quickly did the agent respond?',
        'How friendly was the agent?',
      ]) {
        expect(res.text).toContain(`<legend>${question}</legend>`);
      }
      expect(res.text).toContain('name="additionalFeedback"');
      expect(res.text).not.toContain('<script');
      for (const secret of [
        visitor.token,
        'Jane Visitor',
        'jane@example.com',
        '+15550100',
        visitor.username,
      ]) {
        expect(res.text).not.toContain(secret);
      }
      expect(Buffer.byteLength(res.text)).toBeLessThan(20 * 1024);
    });

    it.each([
      [
        'pt-BR,pt;q=0.9',
        'pt-BR',
        'Como foi a sua conversa?',
        'Você conversou com Agent Smith em 1 de novembro de 2026.',
      ],
      [
        'es-MX,es;q=0.8',
        'es',
        '¿Qué tal fue su conversación?',
        'Habló con Agent Smith el 1 de noviembre de 2026.',
      ],
      [
        'de-CH, en;q=0.3',
        'de',
        'Wie war Ihr Gespräch?',
        'Sie haben am 1. November 2026 mit Agent Smith gesprochen.',
      ],
      [
        'fr;q=0.9, da',
        'fr',
        'Comment s’est passée votre conversation ?',
        'Vous avez échangé avec Agent Smith le 1 novembre 2026.',
      ],
      [
        'da, ja;q=0.5',
        'en',
        'How was your conversation?',
        'You talked with Agent Smith on November 1, 2026.',
      ],
    ])('speaks the language Accept-Language asks for (%s)', async (accept, lang, title, intro) => {
      const { room } = await closedRoom();
      const { url } = await linkOf(room);
      const res = await page(url, accept);
      expect(res.text).toContain(`<html lang="${lang}">`);
      expect(heading(res.text)).toBe(title);
      expect(res.text).toContain(`<p>${intro}</p>`);
    });

    it('labels custom items from SURVEY_ITEM_LABELS, else by their name humanised', async () => {
      const custom = await createTestApp({
        API_KEYS: key.entry,
        PUBLIC_URL,
        SURVEY_ITEMS: 'satisfaction,effortScore,resolved',
        SURVEY_ITEM_LABELS: JSON.stringify({
          effortScore: { en: 'How easy was it?', de: 'Wie einfach war es?' },
        }),
      });
      try {
        const visitor = rocketChatVisitor();
        const room = closedRocketChatRoom(visitor);
        await custom.rooms.insertOne(room);
        const res = await custom
          .http()
          .post(LINK)
          .set('X-Api-Key', key.key)
          .send({ rid: room._id });
        const path = pagePath(res.body.url as string);
        const de = await custom.http().get(path).set('Accept-Language', 'de');
        expect(de.text).toContain('<legend>Wie zufrieden sind Sie insgesamt?</legend>');
        expect(de.text).toContain('<legend>Wie einfach war es?</legend>');
        expect(de.text).toContain('<legend>Resolved</legend>');
        const fr = await custom.http().get(path).set('Accept-Language', 'fr');
        expect(fr.text).toContain('<legend>How easy was it?</legend>');
      } finally {
        await custom.close();
      }
    });
  });

  describe('answering', () => {
    it('moves livechat_survey_links_total by stage, once per link; survey.report counts it under link', async () => {
      const stages = async () => {
        const text = (await t.metrics().get('/metrics')).text;
        const value = (stage: string) =>
          Number(
            new RegExp(`^livechat_survey_links_total\\{stage="${stage}"\\} (\\d+)$`, 'm').exec(
              text,
            )?.[1] ?? 0,
          );
        return { created: value('created'), opened: value('opened'), answered: value('answered') };
      };
      const departmentId = 'deptMetrics000001';
      const { room } = await closedRoom({ departmentId });
      const start = await stages();
      const moved = async () => {
        const now = await stages();
        return {
          created: now.created - start.created,
          opened: now.opened - start.opened,
          answered: now.answered - start.answered,
        };
      };
      const { url } = await linkOf(room);
      await linkOf(room);
      expect(await moved()).toEqual({ created: 1, opened: 0, answered: 0 });
      expect((await page(url)).status).toBe(200);
      expect((await page(url)).status).toBe(200);
      expect(await moved()).toEqual({ created: 1, opened: 1, answered: 0 });
      expect((await answer(url, 'satisfaction=4')).status).toBe(303);
      expect((await answer(url, 'satisfaction=2')).status).toBe(409);
      expect(await moved()).toEqual({ created: 1, opened: 1, answered: 1 });

      const report = await t
        .http()
        .get('/api/v1/livechat/survey.report')
        .query({
          from: new Date(Date.now() - DAY).toISOString(),
          to: new Date(Date.now() + DAY).toISOString(),
          departmentId,
        })
        .set('X-Api-Key', key.key);
      expect(report.status).toBe(200);
      expect(report.body.summary).toMatchObject({ responses: 1, bySource: { widget: 0, link: 1 } });
      expect(report.body.links).toEqual({ created: 1, opened: 1, answered: 1, responseRate: 1 });
    });

    it('stores the answers as room.survey does, with source link, then thanks; a link answers once', async () => {
      const { room } = await closedRoom();
      const { url } = await linkOf(room);
      const before = await stored(room);
      const res = await answer(
        url,
        'satisfaction=5&agentKnowledge=4&additionalFeedback=Quick+and+kind&other=x',
      );
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(`${url.split('/').pop()}/thanks`);
      const after = await stored(room);
      const { surveyFeedback, surveyFeedbackAt, surveyFeedbackSource, _updatedAt, ...rest } =
        after!;
      expect(surveyFeedback).toEqual({
        satisfaction: '5',
        agentKnowledge: '4',
        additionalFeedback: 'Quick and kind',
      });
      expect(surveyFeedbackSource).toBe('link');
      expect(surveyFeedbackAt).toEqual(_updatedAt);
      const { _updatedAt: _, ...untouched } = before!;
      expect(rest).toEqual(untouched);

      const thanks = await t
        .http()
        .get(`${pagePath(url)}/thanks`)
        .set('Accept-Language', 'es');
      expect([thanks.status, heading(thanks.text)]).toEqual([200, '¡Gracias!']);
      // Afterwards: already answered, and nothing of the answers shows.
      const again = await answer(url, 'satisfaction=1');
      expect([again.status, heading(again.text)]).toEqual([409, 'Already answered']);
      const shown = await page(url);
      expect([shown.status, heading(shown.text)]).toEqual([200, 'Already answered']);
      for (const text of [again.text, shown.text]) expect(text).not.toContain('Quick and kind');
      expect((await stored(room))!.surveyFeedback).toEqual(surveyFeedback);
    });

    it('sends survey.submitted and survey.low_score for a link answer, with source link', async () => {
      const receiver = await startReceiver();
      try {
        const res = await t
          .http()
          .post('/api/v1/livechat/survey.webhooks')
          .set('X-Api-Key', key.key)
          .send({ url: receiver.url, events: ['survey.submitted', 'survey.low_score'] });
        expect(res.status).toBe(200);
        const hook = res.body.webhook as { _id: string; secret: string };
        const { room } = await closedRoom();
        const { url } = await linkOf(room);
        expect((await answer(url, 'satisfaction=1&additionalFeedback=Too+slow')).status).toBe(303);
        await until(() => receiver.received.length === 2, 'the two events');
        const events = receiver.received.map(
          ({ body, headers }) =>
            new Webhook(hook.secret).verify(body, headers) as {
              type: string;
              data: Record<string, unknown>;
            },
        );
        expect(events.map((event) => event.type).sort()).toEqual([
          'survey.low_score',
          'survey.submitted',
        ]);
        for (const { data } of events) {
          expect(data).toMatchObject({
            rid: room._id,
            items: { satisfaction: '1' },
            comment: 'Too slow',
            source: 'link',
          });
        }
        await t
          .http()
          .delete(`/api/v1/livechat/survey.webhooks/${hook._id}`)
          .set('X-Api-Key', key.key)
          .expect(200);
      } finally {
        await receiver.close();
      }
    });

    it('takes one of two concurrent answers', async () => {
      const { room } = await closedRoom();
      const { url } = await linkOf(room);
      const [a, b] = await Promise.all([
        answer(url, 'satisfaction=1'),
        answer(url, 'satisfaction=2'),
      ]);
      expect([a.status, b.status].sort()).toEqual([303, 409]);
      const kept = a.status === 303 ? '1' : '2';
      expect((await stored(room))!.surveyFeedback).toEqual({ satisfaction: kept });
    });

    it('says already answered when the widget answered first', async () => {
      const { room, visitor } = await closedRoom();
      const { url } = await linkOf(room);
      await t
        .http()
        .post('/api/v1/livechat/room.survey')
        .send({ rid: room._id, token: visitor.token, data: [{ name: 'satisfaction', value: '3' }] })
        .expect(200);
      expect(heading((await page(url)).text)).toBe('Already answered');
      const res = await answer(url, 'satisfaction=5');
      expect(res.status).toBe(409);
      const kept = await stored(room);
      expect(kept!.surveyFeedback).toEqual({ satisfaction: '3' });
      expect(kept!.surveyFeedbackSource).toBeUndefined();
    });

    it.each([
      ['no body at all', '', 'Choose an answer or write a comment.', 'satisfaction'],
      [
        'nothing chosen, a blank comment',
        'additionalFeedback=+++',
        'Choose an answer or write a comment.',
        'satisfaction',
      ],
      [
        'a value not configured',
        'satisfaction=9',
        'Choose one of the answers shown.',
        'satisfaction',
      ],
      [
        'a repeated field',
        'agentKnowledge=4&agentKnowledge=5',
        'Choose only one answer.',
        'agentKnowledge',
      ],
      [
        'a repeated comment',
        'satisfaction=4&additionalFeedback=a&additionalFeedback=b',
        'Choose only one answer.',
        'comment',
      ],
      [
        'an overlong comment',
        `satisfaction=4&additionalFeedback=${'é'.repeat(10_001)}`,
        'Write at most 10000 characters.',
        'comment',
      ],
    ])(
      're-renders the form with the error by the field, storing nothing: %s',
      async (_case, form, message, field) => {
        const { room } = await closedRoom();
        const { url } = await linkOf(room);
        const res = await answer(url, form);
        expect(res.status).toBe(400);
        expect(res.text).toContain(
          '<p class="alert" role="alert">Please check your answers below.</p>',
        );
        expect(res.text).toContain(`<p class="error" id="${field}-error">${message}</p>`);
        expect(await stored(room)).not.toHaveProperty('surveyFeedback');
        // Still open: a good answer afterwards is taken.
        expect((await answer(url, 'satisfaction=4')).status).toBe(303);
      },
    );

    it('keeps what was chosen and written when it shows the form again, escaped', async () => {
      const { room } = await closedRoom();
      const { url } = await linkOf(room);
      const res = await answer(
        url,
        'satisfaction=2&agentKnowledge=7&additionalFeedback=%3Cscript%3Ex%3C%2Fscript%3E',
      );
      expect(res.text).toContain('id="satisfaction-2" name="satisfaction" value="2" checked');
      expect(res.text).toContain('&lt;script>x&lt;/script></textarea>');
      expect(res.text).not.toContain('<script>');
    });
  });

  describe('dead links', () => {
    it('answers 404 for an unknown id, 410 for an expired link; a new link after expiry', async () => {
      for (const id of ['x', 'A'.repeat(32), '%00']) {
        const res = await t.http().get(`/survey/${id}`);
        expect([id, res.status, heading(res.text)]).toEqual([id, 404, 'Survey not found']);
      }
      const missing = await t
        .http()
        .post(`/survey/${'A'.repeat(32)}`)
        .type('form')
        .send('satisfaction=5');
      expect(missing.status).toBe(404);
      const { room } = await closedRoom();
      const { url } = await linkOf(room);
      now = new Date(now.getTime() + 14 * DAY + 1000);
      const expired = await page(url, 'pt-BR');
      expect([expired.status, heading(expired.text)]).toEqual([410, 'Esta pesquisa foi encerrada']);
      expect((await answer(url, 'satisfaction=5')).status).toBe(410);
      expect(await stored(room)).not.toHaveProperty('surveyFeedback');
      const fresh = await link(room._id);
      expect(fresh.status).toBe(200);
      expect(fresh.body.url).not.toBe(url);
      expect(fresh.body.expiresAt).toBe(new Date(now.getTime() + 14 * DAY).toISOString());
    });

    it("dies with its visitor's erasure", async () => {
      const { room, visitor } = await closedRoom();
      const { url } = await linkOf(room);
      await t.http().delete(`/api/v1/livechat/visitor/${visitor.token}`).expect(200);
      const res = await page(url);
      expect([res.status, heading(res.text)]).toEqual([410, 'This survey is no longer available']);
      expect((await answer(url, 'satisfaction=5')).status).toBe(410);
      expect(await stored(room)).not.toHaveProperty('surveyFeedback');
      // Rocket.Chat deletes the erased visitor's rooms: the same answer.
      const { room: deleted } = await closedRoom();
      const gone = await linkOf(deleted);
      await t.rooms.deleteOne({ _id: deleted._id });
      expect((await page(gone.url)).status).toBe(410);
    });
  });
});

describe('survey links without PUBLIC_URL, and the page under Rocket.Chat rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      API_KEYS: key.entry,
      RATE_LIMIT_MAX: '3',
      REPORTS_RATE_LIMIT_MAX: '3',
      BODY_LIMIT: '1kb',
    });
  });
  afterAll(() => t.close());

  it('refuses to make links, naming the setting', async () => {
    const visitor = rocketChatVisitor();
    const room = closedRocketChatRoom(visitor);
    await t.rooms.insertOne(room);
    const res = await t.http().post(LINK).set('X-Api-Key', key.key).send({ rid: room._id });
    expect(res.status).toBe(503);
    expect(res.body).toEqual({
      success: false,
      error:
        'Survey links need PUBLIC_URL (the public origin they start with); it is not set [error-public-url-not-set]',
      errorType: 'error-public-url-not-set',
    });
  });

  it('answers 403 to a user who is no manager, 413 to a body over BODY_LIMIT, 429 past REPORTS_RATE_LIMIT_MAX', async () => {
    const agent = rocketChatUser(['user', 'livechat-agent']);
    await t.db.collection('users').insertOne(agent.user as never);
    const refused = await t.http().post(LINK).set(agent.headers).send({ rid: 'x' });
    expect([refused.status, refused.body]).toEqual([403, FORBIDDEN_BODY]);
    const big = await t
      .http()
      .post(LINK)
      .set('X-Api-Key', key.key)
      .send({ rid: 'x'.repeat(2000) });
    expect(big.status).toBe(413);
    // The 503 above was this key's first call in the window.
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push(
        (await t.http().post(LINK).set('X-Api-Key', key.key).send({ rid: 'x' })).status,
      );
    }
    expect(statuses).toEqual([503, 503, 429]);
  });

  it('limits the page and its POST per client IP (RATE_LIMIT_MAX per window), in the page language', async () => {
    const id = 'B'.repeat(32);
    for (let i = 0; i < 3; i++) expect((await t.http().get(`/survey/${id}`)).status).toBe(404);
    const over = await t.http().get(`/survey/${id}`).set('Accept-Language', 'de');
    expect(over.status).toBe(429);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect(heading(over.text)).toBe('Zu viele Versuche');
    // The POST has its own budget.
    for (let i = 0; i < 3; i++) {
      expect((await t.http().post(`/survey/${id}`).type('form').send('a=1')).status).toBe(404);
    }
    expect((await t.http().post(`/survey/${id}`).type('form').send('a=1')).status).toBe(429);
  });
});

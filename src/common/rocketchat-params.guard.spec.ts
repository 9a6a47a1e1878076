import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ROOM_SURVEY_PARAMS_SCHEMA } from '../livechat/room/dto/room-survey.dto';
import { buildAppConfig } from '../config/app.config';
import { Match } from './meteor-check';
import { MeteorCheck, RocketChatParams, RocketChatParamsGuard } from './rocketchat-params.guard';

class Routes {
  @RocketChatParams(ROOM_SURVEY_PARAMS_SCHEMA)
  survey(): void {}

  @MeteorCheck({ visitor: Match.ObjectIncluding({ token: String }) })
  register(): void {}
}

function contextFor(body: unknown, handler: () => void = Routes.prototype.survey) {
  return {
    getHandler: () => handler,
    switchToHttp: () => ({ getRequest: () => ({ body }) }),
  } as unknown as ExecutionContext;
}

describe('RocketChatParamsGuard', () => {
  const guard = new RocketChatParamsGuard(
    new Reflector(),
    buildAppConfig({ SURVEY_MAX_ITEMS: '3', MAX_STRING_LENGTH: '12' }),
  );

  it('lets a valid body through, coerced in place as Rocket.Chat coerces it', () => {
    const body = { token: null, rid: 12, data: [{ name: 'satisfaction', value: 5 }] };
    expect(guard.canActivate(contextFor(body))).toBe(true);
    expect(body).toEqual({ token: '', rid: '12', data: [{ name: 'satisfaction', value: '5' }] });
  });

  it('rejects with the first error only, in the invalid-params envelope', () => {
    expect(() => guard.canActivate(contextFor({ token: {}, rid: 'r' }))).toThrow(
      expect.objectContaining({
        status: 400,
        body: {
          success: false,
          error: "must have required property 'data' [invalid-params]",
          errorType: 'invalid-params',
        },
      }),
    );
  });

  it('answers Meteor check failures as plain Match errors', () => {
    expect(() => guard.canActivate(contextFor({}, Routes.prototype.register))).toThrow(
      expect.objectContaining({
        status: 400,
        body: { success: false, error: "Match error: Missing key 'visitor'" },
      }),
    );
    expect(
      guard.canActivate(contextFor({ visitor: { token: 't' } }, Routes.prototype.register)),
    ).toBe(true);
  });

  it("adds the size limits, worded by AJV, after Rocket.Chat's own checks", () => {
    const item = { name: 'a', value: '1' };
    const reject = (body: unknown) => {
      try {
        guard.canActivate(contextFor(body));
      } catch (error) {
        return (error as { body: { error: string } }).body.error;
      }
      return 'accepted';
    };
    expect(reject({ token: 't', rid: 'r', data: [item, item, item, item] })).toBe(
      'must NOT have more than 3 items [invalid-params]',
    );
    expect(reject({ token: '1234567890123', rid: 'r', data: [item] })).toBe(
      'must NOT have more than 12 characters [invalid-params]',
    );
    expect(reject({ token: 't', rid: 'r', data: [{ name: 'a', value: 1234567890123 }] })).toBe(
      'must NOT have more than 12 characters [invalid-params]',
    );
    expect(reject({ token: '1234567890123' })).toBe(
      "must have required property 'rid' [invalid-params]",
    );
    expect(reject({ token: 't', rid: 'r', data: [] })).toBe(
      'must NOT have fewer than 1 items [invalid-params]',
    );
    expect(reject({ token: 't', rid: 'r', data: [item, item, item] })).toBe('accepted');
  });
});

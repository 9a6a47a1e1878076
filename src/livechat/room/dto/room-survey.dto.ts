import { ApiProperty } from '@nestjs/swagger';

// The example call of the room.survey API page.
export const EXAMPLE_RID = 'gMMeBpWyLeowCrzBv';
export const EXAMPLE_TOKEN = 'd4a8338e5a7d98b6750b4f839431b34a3f4813b2c43f7d89597948f21f607bb4';

/**
 * Rocket.Chat's JSON Schema for the room.survey body (@rocket.chat/rest-typings 8.8.1,
 * isPOSTLivechatRoomSurveyParams). Property order matters: it is the order of the checks.
 */
export const ROOM_SURVEY_PARAMS_SCHEMA = {
  type: 'object',
  properties: {
    token: { type: 'string' },
    rid: { type: 'string' },
    data: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        properties: { name: { type: 'string' }, value: { type: 'string' } },
        required: ['name', 'value'],
        additionalProperties: false,
      },
    },
  },
  required: ['token', 'rid', 'data'],
  additionalProperties: false,
} as const;

export class SurveyItemDto {
  @ApiProperty({
    description:
      'A configured survey item (default `satisfaction`, `agentKnowledge`, `agentResposiveness` ' +
      '(sic), `agentFriendliness`), or `additionalFeedback` (free text). Other names are dropped. ' +
      'Numbers and booleans are coerced to strings.',
    example: 'satisfaction',
  })
  name!: string;

  @ApiProperty({
    description:
      'An allowed value (default "1".."5") for a configured item; any text for ' +
      '`additionalFeedback`. Numbers and booleans become strings (5 → "5"), null becomes "".',
    example: '5',
  })
  value!: string;
}

/** The room.survey body, after Rocket.Chat's validator has checked and coerced it. */
export class RoomSurveyDto {
  @ApiProperty({ description: 'The visitor token (the credential).', example: EXAMPLE_TOKEN })
  token!: string;

  @ApiProperty({
    description: 'The room id: a livechat room of this visitor, open or closed.',
    example: EXAMPLE_RID,
  })
  rid!: string;

  @ApiProperty({ type: [SurveyItemDto], minItems: 1 })
  data!: SurveyItemDto[];
}

/** 200: the answers that were kept and stored. */
export class RoomSurveyResponseDto {
  @ApiProperty({ example: EXAMPLE_RID })
  rid!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: "The kept answers, `{name: value}`, as stored in the room's `surveyFeedback`.",
    example: { additionalFeedback: 'Thankszzzzz' },
  })
  data!: Record<string, string>;

  @ApiProperty({ type: Boolean, enum: [true] })
  success!: true;
}

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
  /** A configured survey item, or `additionalFeedback`. */
  name!: string;
  /** An allowed value ("1".."5" by default); any text for `additionalFeedback`. */
  value!: string;
}

/** The room.survey body, after Rocket.Chat's validator has checked and coerced it. */
export class RoomSurveyDto {
  /** The visitor token. */
  token!: string;
  /** The room id. */
  rid!: string;
  data!: SurveyItemDto[];
}

/** 200: the answers that were kept and stored. */
export class RoomSurveyResponseDto {
  rid!: string;
  data!: Record<string, string>;
  success!: true;
}

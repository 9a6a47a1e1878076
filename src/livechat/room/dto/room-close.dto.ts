/**
 * Rocket.Chat's JSON Schema for the room.close body (isPOSTLivechatRoomCloseParams): both
 * strings, required in this order, nothing else.
 */
export const ROOM_CLOSE_PARAMS_SCHEMA = {
  type: 'object',
  properties: { token: { type: 'string' }, rid: { type: 'string' } },
  required: ['token', 'rid'],
  additionalProperties: false,
} as const;

export class RoomCloseDto {
  /** The visitor token. */
  token!: string;
  /** The room id. */
  rid!: string;
}

import { IsOptional } from 'class-validator';
import { Feature, Setting } from '../config/setting.decorator';
import { IntegerVariable } from '../config/variables';

/**
 * ROOM_CLOSED_POLL_MAX_MS's defaults. Beside Rocket.Chat (a MongoDB), closes it makes are seen
 * within 30 s when idle. The embedded FerretDB scans every room per poll (docs: its measured
 * cost), and no Rocket.Chat runs on it: this service's own closes are sent at once, by room id.
 */
export const ROOM_CLOSED_POLL_MAX_MS = 30_000;
export const EMBEDDED_ROOM_CLOSED_POLL_MAX_MS = 300_000;

@Feature({
  title: 'room.closed events',
  folder: 'src/room-closed',
  summary: 'The watcher behind the `room.closed` webhook event ([survey links](survey-links.md)).',
})
export class RoomClosedSettings {
  @Setting({
    description:
      "The `room.closed` watcher's longest wait between polls of the rooms' `closedAt` while " +
      'no room closes: it polls every [`WEBHOOKS_POLL_INTERVAL_MS`](#webhooks_poll_interval_ms) ' +
      'while rooms close, doubles the wait up to this while none do, and polls not at all while ' +
      'no webhook wants `room.closed`.',
    unset:
      `\`${ROOM_CLOSED_POLL_MAX_MS}\` with \`MONGODB_URI\` (Rocket.Chat may close rooms beside ` +
      `this service), \`${EMBEDDED_ROOM_CLOSED_POLL_MAX_MS}\` on the embedded database (each ` +
      'poll scans the rooms, and only this service closes them: its own closes are sent at once)',
  })
  @IsOptional()
  @IntegerVariable(50)
  ROOM_CLOSED_POLL_MAX_MS?: number;
}

import type { ClosedRoom } from '../livechat/room/room-report.repository';

/** What a hook receives in a room.closed event's `data`: never visitor data. */
export interface RoomClosedData {
  rid: string;
  closedAt: string;
  agent: { _id: string; username: string | null; name: string | null } | null;
  department: { _id: string; name: string | null } | null;
  /** The room's live survey link; null when answered, erased, or without PUBLIC_URL. */
  surveyUrl: string | null;
}

/** A room.closed event's data, from the room and the names and link looked up for it. */
export function roomClosedData(
  room: ClosedRoom,
  names: { agent: string | null; department: string | null },
  surveyUrl: string | null,
): RoomClosedData {
  const agentId = room.servedBy?._id;
  return {
    rid: room._id,
    closedAt: room.closedAt.toISOString(),
    agent: agentId
      ? { _id: agentId, username: room.servedBy?.username ?? null, name: names.agent }
      : null,
    department: room.departmentId ? { _id: room.departmentId, name: names.department } : null,
    surveyUrl,
  };
}

import type { Group } from './api';
import { GroupTable } from './GroupTable';

export function AgentTable({ groups, selected }: { groups: Group[]; selected: string }) {
  return <GroupTable groups={groups} name="Agent" none="No agent" selected={selected} />;
}

import type { Group } from './api';
import { GroupTable } from './GroupTable';

export function Departments({ groups, selected }: { groups: Group[]; selected: string }) {
  return <GroupTable groups={groups} name="Department" none="No department" selected={selected} />;
}

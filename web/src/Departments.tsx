import type { Group } from './api';
import { GroupTable } from './GroupTable';
import { t } from './i18n';

export function Departments({ groups, selected }: { groups: Group[]; selected: string }) {
  return (
    <GroupTable
      groups={groups}
      name={t().filters.department}
      none={t().figures.noDepartment}
      selected={selected}
    />
  );
}

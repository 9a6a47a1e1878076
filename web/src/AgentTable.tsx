import type { Group } from './api';
import { GroupTable } from './GroupTable';
import { t } from './i18n';

export function AgentTable({ groups, selected }: { groups: Group[]; selected: string }) {
  return (
    <GroupTable
      groups={groups}
      name={t().filters.agent}
      none={t().figures.noAgent}
      selected={selected}
    />
  );
}

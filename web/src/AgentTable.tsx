import type { Group } from './api';
import { GroupTable } from './GroupTable';
import { t } from './i18n';

interface Props {
  groups: Group[];
  selected: string;
  onOpen: (key: string) => void;
}

export function AgentTable({ groups, selected, onOpen }: Props) {
  const words = t();
  return (
    <GroupTable
      groups={groups}
      name={words.filters.agent}
      none={words.figures.noAgent}
      selected={selected}
      onOpen={onOpen}
    />
  );
}

import type { Group } from './api';
import { GroupTable } from './GroupTable';
import { t } from './i18n';

interface Props {
  groups: Group[];
  selected: string;
  onOpen: (key: string) => void;
}

export function Departments({ groups, selected, onOpen }: Props) {
  const words = t();
  return (
    <GroupTable
      groups={groups}
      name={words.filters.department}
      none={words.figures.noDepartment}
      selected={selected}
      onOpen={onOpen}
    />
  );
}

import type { Agent, Group } from './api';
import { t } from './i18n';

/** Names where the API gives ids: the row's own, else the reports' group labels, else the id. */
export interface Names {
  agent: (agent: Agent | null) => string;
  department: (id: string | null, name?: string | null) => string;
}

export function namesFrom(agents: Group[], departments: Group[]): Names {
  const label = (groups: Group[], id: string) => groups.find((g) => g.key === id)?.label;
  return {
    agent: (agent) =>
      agent === null
        ? t().figures.noAgent
        : (agent.name ?? agent.username ?? label(agents, agent._id) ?? agent._id),
    department: (id, name) =>
      id === null ? t().figures.noDepartment : (name ?? label(departments, id) ?? id),
  };
}

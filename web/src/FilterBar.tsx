import type { Group } from './api';
import { CustomRange } from './CustomRange';
import { t } from './i18n';
import { addDays, browserTimeZone, periodOf, PRESETS, type Filters, type Preset } from './filters';

interface Props {
  filters: Filters;
  onChange: (filters: Filters) => void;
  departments: Group[];
  agents: Group[];
}

const zones = (current: string): string[] => {
  const all = Intl.supportedValuesOf?.('timeZone') ?? [];
  return [...new Set([current, browserTimeZone(), 'UTC', ...all])].sort();
};

/** Period, time zone, department, agent: each change reloads the sections and the URL. */
export function FilterBar({ filters, onChange, departments, agents }: Props) {
  const words = t().filters;
  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch });
  // A custom range starts as the days shown so far.
  const choosePreset = (preset: Preset) => {
    const { from, to } = periodOf(filters);
    set(preset === 'custom' ? { preset, from, to: addDays(to, -1) } : { preset });
  };
  const options = (groups: Group[], selected: string) => {
    const named = groups.filter((g) => g.key !== null);
    // A shared link may select one the current period does not list.
    if (selected && !named.some((g) => g.key === selected))
      named.push({ key: selected, label: selected } as Group);
    return named.map((g) => (
      <option key={g.key} value={g.key!}>
        {g.label ?? g.key}
      </option>
    ));
  };

  return (
    <form class="filters" aria-label={words.label} onSubmit={(e) => e.preventDefault()}>
      <div class="field">
        <label for="period">{words.period}</label>
        <select
          id="period"
          value={filters.preset}
          onChange={(e) => choosePreset(e.currentTarget.value as Preset)}
        >
          {PRESETS.map((p) => (
            <option key={p} value={p}>
              {words.presets[p]}
            </option>
          ))}
        </select>
      </div>
      {filters.preset === 'custom' && (
        <CustomRange
          key={`${filters.from}/${filters.to}`}
          from={filters.from}
          to={filters.to}
          onApply={(range) => set(range)}
        />
      )}
      <div class="field">
        <label for="tz">{words.timeZone}</label>
        <select id="tz" value={filters.tz} onChange={(e) => set({ tz: e.currentTarget.value })}>
          {zones(filters.tz).map((zone) => (
            <option key={zone}>{zone}</option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="department">{words.department}</label>
        <select
          id="department"
          value={filters.departmentId}
          onChange={(e) => set({ departmentId: e.currentTarget.value })}
        >
          <option value="">{words.allDepartments}</option>
          {options(departments, filters.departmentId)}
        </select>
      </div>
      <div class="field">
        <label for="agent">{words.agent}</label>
        <select
          id="agent"
          value={filters.agentId}
          onChange={(e) => set({ agentId: e.currentTarget.value })}
        >
          <option value="">{words.allAgents}</option>
          {options(agents, filters.agentId)}
        </select>
      </div>
    </form>
  );
}

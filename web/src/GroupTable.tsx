import { useState } from 'preact/hooks';
import type { Group } from './api';
import { ChangeMark } from './Change';
import { average, count, interval, itemLabel, percent, SMALL_SAMPLE } from './format';
import { t } from './i18n';

interface Props {
  groups: Group[];
  /** The first column's header ("Agent") and the name of the group without a key. */
  name: string;
  none: string;
  selected: string;
  /** Opens the answers behind a row (its key as the agent or department filter). */
  onOpen: (key: string) => void;
}

interface Column {
  id: string;
  label: string;
  value: (g: Group) => number | null;
  cell: (g: Group) => preact.ComponentChildren;
}

const isSmall = (g: Group) => (g.items.satisfaction?.count ?? 0) < SMALL_SAMPLE;

function columnsOf(groups: Group[]): Column[] {
  const items = Object.keys(groups[0]?.items ?? {});
  const words = t().figures;
  return [
    {
      id: 'responses',
      label: words.responses,
      value: (g) => g.responses,
      cell: (g) => count(g.responses),
    },
    {
      id: 'csat',
      label: words.csat,
      value: (g) => g.csat,
      cell: (g) => (
        <>
          {percent(g.csat)}
          <span class="detail interval">{interval(g.csatInterval)}</span>
          {g.previous && (
            <ChangeMark
              difference={g.change?.csat}
              previous={percent(g.previous.csat)}
              kind="share"
            />
          )}
          {isSmall(g) && (
            <span class="badge" title={words.smallSampleTitle(SMALL_SAMPLE)}>
              ⚠ {words.smallSample}
            </span>
          )}
        </>
      ),
    },
    {
      id: 'responseRate',
      label: words.responseRate,
      value: (g) => g.responseRate,
      cell: (g) => (
        <>
          {percent(g.responseRate)}
          {g.previous && (
            <ChangeMark
              difference={g.change?.responseRate}
              previous={percent(g.previous.responseRate)}
              kind="share"
            />
          )}
        </>
      ),
    },
    ...items.map((name) => ({
      id: name,
      label: itemLabel(name),
      value: (g: Group) => g.items[name]?.average ?? null,
      cell: (g: Group) => average(g.items[name]?.average ?? null),
    })),
    {
      id: 'comments',
      label: words.comments,
      value: (g) => g.comments,
      cell: (g) => count(g.comments),
    },
  ];
}

/** Groups of a report (agents, departments) as a table sortable by each figure. */
export function GroupTable({ groups, name, none, selected, onOpen }: Props) {
  const [sort, setSort] = useState<{ id: string; direction: 1 | -1 } | null>(null);
  const columns = columnsOf(groups);
  const by = columns.find((c) => c.id === sort?.id);
  const rows = by
    ? [...groups].sort((a, b) => {
        const [x, y] = [by.value(a), by.value(b)];
        // Groups without a value go last whichever the direction.
        if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
        return (x - y) * sort!.direction;
      })
    : groups;
  const toggle = (id: string) =>
    setSort((s) => ({ id, direction: s?.id === id && s.direction === -1 ? 1 : -1 }));

  return (
    <div class="scroll">
      <table class="groups">
        <thead>
          <tr>
            <th scope="col">{name}</th>
            {columns.map((c) => {
              const current = sort?.id === c.id;
              const order = current ? (sort.direction === 1 ? 'ascending' : 'descending') : 'none';
              return (
                <th scope="col" key={c.id} aria-sort={order}>
                  <button type="button" class="sort" onClick={() => toggle(c.id)}>
                    {c.label}
                    <span aria-hidden="true">
                      {current ? (sort.direction === 1 ? ' ▲' : ' ▼') : ' ↕'}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((g) => (
            <tr
              key={g.key ?? '-'}
              data-key={g.key ?? ''}
              class={g.key !== null && g.key === selected ? 'selected' : ''}
            >
              <th scope="row">
                {g.key === null ? (
                  <em>{none}</em>
                ) : (
                  <button type="button" class="link" onClick={() => onOpen(g.key!)}>
                    {g.label ?? g.key}
                  </button>
                )}
                {g.key !== null && g.key === selected && (
                  <span class="badge">{t().figures.selected}</span>
                )}
              </th>
              {columns.map((c) => (
                <td key={c.id} data-column={c.id} data-label={c.label}>
                  {c.cell(g)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import { Cards } from './Cards';
import { fetchFollowups, type FollowupsPage, type Report } from './api';
import type { Credentials } from './auth';
import { FollowupItem } from './FollowupItem';
import { count, duration } from './format';
import { apiParams, type Filters } from './filters';
import { t } from './i18n';
import type { Names } from './names';
import { Pager } from './Pager';
import { Section } from './Section';
import { useLoad } from './useLoad';
import type { Load } from './useReports';
import { PAGE_SIZE, type Status, type View } from './view';

interface Props {
  filters: Filters;
  view: View;
  credentials: Credentials;
  names: Names;
  /** The summary report: its follow-up counts. */
  summary: Load<Report>;
  onView: (view: View) => void;
  /** A status changed: the report's counts are stale. */
  onChanged: () => void;
  onAuthFailure: (message: string) => void;
}

/** "Needs follow-up": the queue's counts, then the queue (survey.followups) with status buttons. */
export function FollowUps(props: Props) {
  const { filters, view, credentials, names, summary, onView, onChanged, onAuthFailure } = props;
  const words = t().followups;
  const params: Record<string, string> = {
    ...apiParams(filters),
    offset: String(view.page * PAGE_SIZE),
    count: String(PAGE_SIZE),
  };
  if (view.status) params.status = view.status;
  const [load, reload] = useLoad<FollowupsPage>(
    () => fetchFollowups(params, credentials),
    JSON.stringify(params),
    onAuthFailure,
  );

  return (
    <>
      <Section id="followup-counts" title={words.counts} load={summary}>
        {(report) => {
          const counts = report.summary.followups;
          return counts ? (
            <Cards
              cards={[
                { id: 'followups-open', name: words.open, value: count(counts.open) },
                {
                  id: 'followups-contacted',
                  name: words.contacted,
                  value: count(counts.contacted),
                },
                { id: 'followups-resolved', name: words.resolved, value: count(counts.resolved) },
                {
                  id: 'followups-median',
                  name: words.median,
                  value: duration(counts.medianResolveMs),
                },
              ]}
            />
          ) : null;
        }}
      </Section>
      <Section
        id="followups"
        title={t().views.followups}
        note={words.note}
        load={load}
        isEmpty={(page) => page.total === 0}
        empty={words.empty}
        before={
          <div class="field">
            <label for="status">{words.status}</label>
            <select
              id="status"
              value={view.status}
              onChange={(e) =>
                onView({ ...view, status: e.currentTarget.value as Status, page: 0 })
              }
            >
              <option value="">{words.all}</option>
              <option value="open">{words.open}</option>
              <option value="contacted">{words.contacted}</option>
              <option value="resolved">{words.resolved}</option>
            </select>
          </div>
        }
      >
        {(page) => (
          <>
            <ul class="comments followups">
              {page.followups.map((f) => (
                <FollowupItem
                  key={f.rid}
                  followup={f}
                  tz={filters.tz}
                  names={names}
                  credentials={credentials}
                  onSaved={() => {
                    reload();
                    onChanged();
                  }}
                />
              ))}
            </ul>
            <Pager
              page={view.page}
              shown={page.followups.length}
              total={page.total}
              onPage={(p) => onView({ ...view, page: p })}
              describe={(first, last) => words.range(count(first), count(last), page.total)}
            />
          </>
        )}
      </Section>
    </>
  );
}

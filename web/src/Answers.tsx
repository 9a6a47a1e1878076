import { useState } from 'preact/hooks';
import { AnswerItem } from './AnswerItem';
import { fetchResponses, type ResponsesPage } from './api';
import type { Credentials } from './auth';
import { count, day, hourName, itemLabel, weekdayName } from './format';
import { apiParams, type Filters } from './filters';
import { t } from './i18n';
import type { Names } from './names';
import { Pager } from './Pager';
import { Section } from './Section';
import { useLoad } from './useLoad';
import { answersParams, emptyView, type Order, type View } from './view';

interface Props {
  filters: Filters;
  view: View;
  credentials: Credentials;
  names: Names;
  onView: (view: View) => void;
  onAuthFailure: (message: string) => void;
}

/** What the answers are narrowed to, in words ("the day 12 Mar 2026, Satisfaction = 2"). */
function narrowing(view: View): string[] {
  const words = t().answers;
  const parts: string[] = [];
  if (view.day) parts.push(words.day(day(view.day)));
  if (view.weekday) parts.push(words.weekday(weekdayName(Number(view.weekday))));
  if (view.hour) parts.push(words.hour(hourName(Number(view.hour))));
  if (view.item) parts.push(words.item(itemLabel(view.item), view.value));
  if (view.q) parts.push(words.comment(view.q));
  return parts;
}

/** The answers behind a figure (survey.responses), paginated, newest or lowest first, searchable. */
export function Answers({ filters, view, credentials, names, onView, onAuthFailure }: Props) {
  const words = t();
  const params = { ...apiParams(filters), ...answersParams(view) };
  const [load] = useLoad<ResponsesPage>(
    () => fetchResponses(params, credentials),
    JSON.stringify(params),
    onAuthFailure,
  );
  const [draft, setDraft] = useState(view.q);
  const parts = narrowing(view);
  const search = (event: Event) => {
    event.preventDefault();
    onView({ ...view, q: draft.trim(), page: 0 });
  };

  return (
    <Section
      id="answers"
      title={words.views.answers}
      note={words.answers.note}
      load={load}
      isEmpty={(page) => page.total === 0}
      empty={words.answers.empty}
      before={
        <>
          {parts.length > 0 && (
            <p class="narrowing">
              {words.answers.narrowing} {parts.join(', ')}.{' '}
              <button type="button" class="secondary" onClick={() => onView(emptyView('answers'))}>
                {words.answers.all}
              </button>
            </p>
          )}
          <form class="answer-tools" role="search" onSubmit={search}>
            <div class="field">
              <label for="q">{words.answers.search}</label>
              <input
                id="q"
                type="search"
                maxLength={200}
                value={draft}
                onInput={(e) => setDraft(e.currentTarget.value)}
              />
            </div>
            <button type="submit">{words.answers.searchButton}</button>
            <div class="field">
              <label for="order">{words.answers.order}</label>
              <select
                id="order"
                value={view.order}
                onChange={(e) =>
                  onView({ ...view, order: e.currentTarget.value as Order, page: 0 })
                }
              >
                <option value="newest">{words.answers.newest}</option>
                <option value="lowest">{words.answers.lowest}</option>
              </select>
            </div>
          </form>
        </>
      }
    >
      {(page) => (
        <>
          <ul class="comments answers">
            {page.responses.map((row) => (
              <AnswerItem
                key={row.rid}
                row={row}
                tz={filters.tz}
                agentName={names.agent(row.agent)}
                departmentName={names.department(row.departmentId, row.department?.name)}
              />
            ))}
          </ul>
          <Pager
            page={view.page}
            shown={page.responses.length}
            total={page.total}
            onPage={(p) => onView({ ...view, page: p })}
            describe={(first, last) => words.answers.range(count(first), count(last), page.total)}
          />
        </>
      )}
    </Section>
  );
}

import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Answers } from './Answers';
import { downloadCsv, isSignInFailure } from './api';
import type { Credentials } from './auth';
import { FilterBar } from './FilterBar';
import { apiParams, readFilters, writeFilters, type Filters } from './filters';
import { FollowUps } from './FollowUps';
import { Hours } from './Hours';
import { t } from './i18n';
import { namesFrom } from './names';
import { Overview, type Drill } from './Overview';
import { ViewNav } from './ViewNav';
import { sharedError, useReports } from './useReports';
import { emptyView, readView, type View } from './view';

interface Props {
  credentials: Credentials;
  onSignOut: (why?: string) => void;
  /** The language menu. */
  language: ComponentChildren;
}

interface Place {
  filters: Filters;
  view: View;
}
const placeOf = (search: string): Place => ({
  filters: readFilters(search),
  view: readView(search),
});

export function Dashboard({ credentials, onSignOut, language }: Props) {
  const [{ filters, view }, setPlace] = useState<Place>(() => placeOf(location.search));
  const [round, setRound] = useState(0);
  const reports = useReports(filters, credentials, onSignOut, round);
  const [download, setDownload] = useState('');
  // A new view is a new history entry (Back returns to the figure); a new filter replaces it.
  const push = useRef(false);

  useEffect(() => {
    const url = writeFilters(filters, view);
    if (push.current) history.pushState(null, '', url);
    else history.replaceState(null, '', url);
    push.current = false;
  }, [filters, view]);
  // A notice about the last download would read as if it were about the new view.
  useEffect(() => setDownload(''), [filters]);
  useEffect(() => {
    const onPop = () => setPlace(placeOf(location.search));
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);

  const words = t();
  const groups = (load: typeof reports.agents) => (load.state === 'ok' ? load.data.groups : []);
  const [agents, departments] = [groups(reports.agents) ?? [], groups(reports.departments) ?? []];
  const names = namesFrom(agents, departments);
  const failed = sharedError(reports);
  const setFilters = (next: Filters) => setPlace({ filters: next, view: { ...view, page: 0 } });
  const go = (next: View, patch: Partial<Filters> = {}) => {
    push.current = true;
    setPlace({ filters: { ...filters, ...patch }, view: next });
  };
  const answers = (patch: Partial<View>) => ({ ...emptyView('answers'), ...patch });
  const drill: Drill = {
    agent: (agentId) => go(answers({}), { agentId }),
    department: (departmentId) => go(answers({}), { departmentId }),
    day: (day) => go(answers({ day })),
    bar: (item, value) => go(answers({ item, value })),
  };

  const exportCsv = async () => {
    setDownload(words.actions.preparing);
    try {
      await downloadCsv(apiParams(filters), credentials);
      setDownload(words.actions.downloaded);
    } catch (error) {
      if (isSignInFailure(error)) return onSignOut(error.message);
      setDownload(words.actions.downloadFailed((error as Error).message));
    }
  };

  return (
    <>
      <header class="top">
        <h1>{words.title}</h1>
        <div class="actions">
          {language}
          <button type="button" onClick={() => void exportCsv()}>
            {words.actions.download}
          </button>
          <button type="button" class="secondary" onClick={() => onSignOut()}>
            {words.actions.signOut}
          </button>
        </div>
        <p class="status" role="status">
          {download}
        </p>
      </header>
      <main>
        {failed !== null && view.name === 'overview' && (
          <p class="alert" role="alert" id="page-error">
            {words.errors.everySection(failed)}
          </p>
        )}
        <FilterBar
          filters={filters}
          onChange={setFilters}
          departments={departments}
          agents={agents}
        />
        <ViewNav filters={filters} current={view.name} onView={(name) => go(emptyView(name))} />
        {view.name === 'overview' && (
          <Overview
            reports={reports}
            tz={filters.tz}
            selected={filters}
            names={names}
            drill={drill}
            failed={failed !== null}
          />
        )}
        {view.name === 'answers' && (
          <Answers
            filters={filters}
            view={view}
            credentials={credentials}
            names={names}
            onView={go}
            onAuthFailure={onSignOut}
          />
        )}
        {view.name === 'followups' && (
          <FollowUps
            filters={filters}
            view={view}
            credentials={credentials}
            names={names}
            summary={reports.days}
            onView={go}
            onChanged={() => setRound((r) => r + 1)}
            onAuthFailure={onSignOut}
          />
        )}
        {view.name === 'hours' && (
          <Hours
            filters={filters}
            credentials={credentials}
            onCell={(weekday, hour) => go(answers({ weekday, hour }))}
            onAuthFailure={onSignOut}
          />
        )}
      </main>
    </>
  );
}

import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { downloadCsv, isSignInFailure } from './api';
import type { Credentials } from './auth';
import { AgentTable } from './AgentTable';
import { Comments } from './Comments';
import { Departments } from './Departments';
import { Distribution } from './Distribution';
import { FilterBar } from './FilterBar';
import { apiParams, readFilters, writeFilters, type Filters } from './filters';
import { ScoreCards } from './ScoreCards';
import { Section } from './Section';
import { Sources } from './Sources';
import { Trend } from './Trend';
import { t } from './i18n';
import { sharedError, useReports } from './useReports';

interface Props {
  credentials: Credentials;
  onSignOut: (why?: string) => void;
  /** The language menu. */
  language: ComponentChildren;
}

export function Dashboard({ credentials, onSignOut, language }: Props) {
  const [filters, setFilters] = useState<Filters>(() => readFilters(location.search));
  const reports = useReports(filters, credentials, onSignOut);
  const [download, setDownload] = useState('');

  useEffect(() => {
    history.replaceState(null, '', writeFilters(filters));
    // A notice about the last download would read as if it were about the new view.
    setDownload('');
  }, [filters]);
  useEffect(() => {
    const onPop = () => setFilters(readFilters(location.search));
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);

  const departments = reports.departments.state === 'ok' ? reports.departments.data.groups : [];
  const agents = reports.agents.state === 'ok' ? reports.agents.data.groups : [];
  const words = t();
  const departmentName = (id: string | null) =>
    id === null
      ? words.figures.noDepartment
      : (departments?.find((d) => d.key === id)?.label ?? id);
  const agentName = (agent: { _id: string; username: string | null } | null) =>
    agent === null
      ? words.figures.noAgent
      : (agent.username ?? agents?.find((a) => a.key === agent._id)?.label ?? agent._id);
  const failed = sharedError(reports);

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
        {failed !== null && (
          <p class="alert" role="alert" id="page-error">
            {words.errors.everySection(failed)}
          </p>
        )}
        <FilterBar
          filters={filters}
          onChange={setFilters}
          departments={departments ?? []}
          agents={agents ?? []}
        />
        <Section
          errorShownAbove={failed !== null}
          id="summary"
          title={words.sections.summary}
          load={reports.days}
          isEmpty={(r) => r.summary.responses === 0 && r.summary.roomsClosed === 0}
          empty={words.sections.noChats}
        >
          {(r) => <ScoreCards summary={r.summary} />}
        </Section>
        <Section
          errorShownAbove={failed !== null}
          id="sources"
          title={words.sources.title}
          note={words.sources.note}
          load={reports.days}
          isEmpty={(r) => r.summary.responses === 0 && !r.links?.created}
          empty={words.sources.empty}
        >
          {(r) => <Sources report={r} />}
        </Section>
        <Section
          errorShownAbove={failed !== null}
          id="trend"
          title={words.sections.trend}
          load={reports.days}
          isEmpty={(r) => r.summary.responses === 0}
          empty={words.sections.noResponses}
        >
          {(r) => <Trend report={r} />}
        </Section>
        <Section
          errorShownAbove={failed !== null}
          id="distribution"
          title={words.sections.distribution}
          load={reports.days}
          isEmpty={(r) => r.summary.responses === 0}
          empty={words.sections.noResponses}
        >
          {(r) => <Distribution items={r.summary.items} />}
        </Section>
        <Section
          errorShownAbove={failed !== null}
          id="agents"
          title={words.sections.agents}
          note={words.sections.agentsNote}
          load={reports.agents}
          isEmpty={(r) => !r.groups?.length}
          empty={words.sections.noAgents}
        >
          {(r) => <AgentTable groups={r.groups ?? []} selected={filters.agentId} />}
        </Section>
        <Section
          errorShownAbove={failed !== null}
          id="departments"
          title={words.sections.departments}
          note={words.sections.departmentsNote}
          load={reports.departments}
          isEmpty={(r) => !r.groups?.length}
          empty={words.sections.noDepartments}
        >
          {(r) => <Departments groups={r.groups ?? []} selected={filters.departmentId} />}
        </Section>
        <Section
          errorShownAbove={failed !== null}
          id="comments"
          title={words.sections.comments}
          load={reports.comments}
          isEmpty={(page) => page.responses.length === 0}
          empty={words.sections.noComments}
        >
          {(page) => (
            <Comments
              page={page}
              tz={filters.tz}
              departmentName={departmentName}
              agentName={agentName}
            />
          )}
        </Section>
      </main>
    </>
  );
}

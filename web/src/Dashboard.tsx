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
import { messages } from './messages';
import { Section } from './Section';
import { Sources } from './Sources';
import { Trend } from './Trend';
import { useReports } from './useReports';

interface Props {
  credentials: Credentials;
  onSignOut: (why?: string) => void;
}

export function Dashboard({ credentials, onSignOut }: Props) {
  const [filters, setFilters] = useState<Filters>(() => readFilters(location.search));
  const reports = useReports(filters, credentials, onSignOut);
  const [download, setDownload] = useState('');

  useEffect(() => {
    history.replaceState(null, '', writeFilters(filters));
  }, [filters]);
  useEffect(() => {
    const onPop = () => setFilters(readFilters(location.search));
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);

  const departments = reports.departments.state === 'ok' ? reports.departments.data.groups : [];
  const agents = reports.agents.state === 'ok' ? reports.agents.data.groups : [];
  const departmentName = (id: string | null) =>
    departments?.find((d) => d.key === id)?.label ?? id ?? 'No department';

  const exportCsv = async () => {
    setDownload('Preparing the CSV…');
    try {
      await downloadCsv(apiParams(filters), credentials);
      setDownload('CSV downloaded.');
    } catch (error) {
      if (isSignInFailure(error)) return onSignOut(error.message);
      setDownload(`The CSV could not be downloaded. ${(error as Error).message}`);
    }
  };

  return (
    <>
      <header class="top">
        <h1>Survey reports</h1>
        <div class="actions">
          <button type="button" onClick={() => void exportCsv()}>
            Download CSV
          </button>
          <button type="button" class="secondary" onClick={() => onSignOut()}>
            Sign out
          </button>
        </div>
        <p class="status" role="status">
          {download}
        </p>
      </header>
      <main>
        <FilterBar
          filters={filters}
          onChange={setFilters}
          departments={departments ?? []}
          agents={agents ?? []}
        />
        <Section
          id="summary"
          title="Summary"
          load={reports.days}
          isEmpty={(r) => r.summary.responses === 0 && r.summary.roomsClosed === 0}
          empty="No chats and no survey responses in this period."
        >
          {(r) => <ScoreCards summary={r.summary} />}
        </Section>
        <Section
          id="sources"
          title={messages.sources.title}
          note={messages.sources.note}
          load={reports.days}
          isEmpty={(r) => r.summary.responses === 0 && !r.links?.created}
          empty={messages.sources.empty}
        >
          {(r) => <Sources report={r} />}
        </Section>
        <Section
          id="trend"
          title="CSAT by day"
          load={reports.days}
          isEmpty={(r) => r.summary.responses === 0}
          empty="No survey responses in this period."
        >
          {(r) => <Trend report={r} />}
        </Section>
        <Section
          id="distribution"
          title="Answers per survey item"
          load={reports.days}
          isEmpty={(r) => r.summary.responses === 0}
          empty="No survey responses in this period."
        >
          {(r) => <Distribution items={r.summary.items} />}
        </Section>
        <Section
          id="agents"
          title="Agents"
          note="Every agent under the period and department filters; the selected agent is marked."
          load={reports.agents}
          isEmpty={(r) => !r.groups?.length}
          empty="No agent has survey responses in this period."
        >
          {(r) => <AgentTable groups={r.groups ?? []} selected={filters.agentId} />}
        </Section>
        <Section
          id="departments"
          title="Departments"
          note="Every department under the period and agent filters; the selected department is marked."
          load={reports.departments}
          isEmpty={(r) => !r.groups?.length}
          empty="No department has survey responses in this period."
        >
          {(r) => <Departments groups={r.groups ?? []} selected={filters.departmentId} />}
        </Section>
        <Section
          id="comments"
          title="Latest comments"
          load={reports.comments}
          isEmpty={(page) => page.responses.length === 0}
          empty="No comments in this period."
        >
          {(page) => <Comments page={page} tz={filters.tz} departmentName={departmentName} />}
        </Section>
      </main>
    </>
  );
}

import { AgentTable } from './AgentTable';
import { Comments } from './Comments';
import { Departments } from './Departments';
import { Distribution } from './Distribution';
import { t } from './i18n';
import type { Names } from './names';
import { ScoreCards } from './ScoreCards';
import { Section } from './Section';
import { Sources } from './Sources';
import { Trend } from './Trend';
import type { Reports } from './useReports';

/** Each figure leads to its answers: a row, a day, a bar. */
export interface Drill {
  agent: (key: string) => void;
  department: (key: string) => void;
  day: (day: string) => void;
  bar: (item: string, value: string) => void;
}

interface Props {
  reports: Reports;
  tz: string;
  selected: { agentId: string; departmentId: string };
  names: Names;
  drill: Drill;
  /** Every call failed alike: the page shows the error once, above. */
  failed: boolean;
}

/** The summary, sources, trend, distributions, agents, departments and latest comments. */
export function Overview({ reports, tz, selected, names, drill, failed }: Props) {
  const words = t();
  const sections = words.sections;
  return (
    <>
      <Section
        errorShownAbove={failed}
        id="summary"
        title={sections.summary}
        load={reports.days}
        isEmpty={(r) => r.summary.responses === 0 && r.summary.roomsClosed === 0}
        empty={sections.noChats}
      >
        {(r) => <ScoreCards summary={r.summary} />}
      </Section>
      <Section
        errorShownAbove={failed}
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
        errorShownAbove={failed}
        id="trend"
        title={sections.trend}
        load={reports.days}
        isEmpty={(r) => r.summary.responses === 0}
        empty={sections.noResponses}
      >
        {(r) => <Trend report={r} onDay={drill.day} />}
      </Section>
      <Section
        errorShownAbove={failed}
        id="distribution"
        title={sections.distribution}
        load={reports.days}
        isEmpty={(r) => r.summary.responses === 0}
        empty={sections.noResponses}
      >
        {(r) => <Distribution items={r.summary.items} onBar={drill.bar} />}
      </Section>
      <Section
        errorShownAbove={failed}
        id="agents"
        title={sections.agents}
        note={sections.agentsNote}
        load={reports.agents}
        isEmpty={(r) => !r.groups?.length}
        empty={sections.noAgents}
      >
        {(r) => (
          <AgentTable groups={r.groups ?? []} selected={selected.agentId} onOpen={drill.agent} />
        )}
      </Section>
      <Section
        errorShownAbove={failed}
        id="departments"
        title={sections.departments}
        note={sections.departmentsNote}
        load={reports.departments}
        isEmpty={(r) => !r.groups?.length}
        empty={sections.noDepartments}
      >
        {(r) => (
          <Departments
            groups={r.groups ?? []}
            selected={selected.departmentId}
            onOpen={drill.department}
          />
        )}
      </Section>
      <Section
        errorShownAbove={failed}
        id="comments"
        title={sections.comments}
        load={reports.comments}
        isEmpty={(page) => page.responses.length === 0}
        empty={sections.noComments}
      >
        {(page) => <Comments page={page} tz={tz} names={names} />}
      </Section>
    </>
  );
}

import type { ResponsesPage } from './api';
import { count, dateTime, itemLabel } from './format';
import { t } from './i18n';

interface Props {
  page: ResponsesPage;
  tz: string;
  departmentName: (id: string | null) => string;
  agentName: (agent: ResponsesPage['responses'][number]['agent']) => string;
}

/** The newest answers with a comment, each with its scores. */
export function Comments({ page, tz, departmentName, agentName }: Props) {
  const words = t();
  return (
    <>
      <p class="note">{words.comments.newest(count(page.responses.length), page.total)}</p>
      <ul class="comments">
        {page.responses.map((row) => (
          <li key={row.rid}>
            <blockquote>{row.comment}</blockquote>
            <p class="detail">
              {dateTime(row.submittedAt, tz)} · {agentName(row.agent)} ·{' '}
              {departmentName(row.departmentId)}
            </p>
            <ul class="scores" aria-label={words.comments.scores}>
              {Object.entries(row.items)
                .filter(([name]) => name !== 'additionalFeedback')
                .map(([name, value]) => (
                  <li key={name}>
                    {itemLabel(name)}: <strong>{value}</strong>
                  </li>
                ))}
            </ul>
          </li>
        ))}
      </ul>
    </>
  );
}

import type { ResponsesPage } from './api';
import { count, dateTime, itemLabel } from './format';

interface Props {
  page: ResponsesPage;
  tz: string;
  departmentName: (id: string | null) => string;
}

/** The newest answers with a comment, each with its scores. */
export function Comments({ page, tz, departmentName }: Props) {
  return (
    <>
      <p class="note">
        The {count(page.responses.length)} newest of {count(page.total)} comments.
      </p>
      <ul class="comments">
        {page.responses.map((row) => (
          <li key={row.rid}>
            <blockquote>{row.comment}</blockquote>
            <p class="detail">
              {dateTime(row.submittedAt, tz)} · {row.agent?.username ?? 'no agent'} ·{' '}
              {departmentName(row.departmentId)}
            </p>
            <ul class="scores" aria-label="Scores">
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

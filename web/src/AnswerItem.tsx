import type { ComponentChildren } from 'preact';
import type { ResponseRow } from './api';
import { dateTime, itemLabel } from './format';
import { t } from './i18n';

interface Props {
  row: ResponseRow;
  tz: string;
  /** The agent's and department's names (the row's own, else the reports'). */
  agentName: string;
  departmentName: string;
  children?: ComponentChildren;
}

/** One answer: its comment, when and by whom, its scores, its conversation in Rocket.Chat. */
export function AnswerItem({ row, tz, agentName, departmentName, children }: Props) {
  const words = t();
  return (
    <li data-rid={row.rid}>
      {row.comment ? (
        <blockquote>{row.comment}</blockquote>
      ) : (
        <p class="detail">{words.answers.noComment}</p>
      )}
      <p class="detail meta">
        {dateTime(row.submittedAt, tz)} · {agentName} · {departmentName}
        {row.link && (
          <>
            {' · '}
            <a href={row.link} target="_blank" rel="noopener noreferrer">
              {words.answers.openInRocketChat}
            </a>
          </>
        )}
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
      {children}
    </li>
  );
}

import { AnswerItem } from './AnswerItem';
import type { ResponsesPage } from './api';
import { count } from './format';
import { t } from './i18n';
import type { Names } from './names';

interface Props {
  page: ResponsesPage;
  tz: string;
  names: Names;
}

/** The newest answers with a comment, each with its scores. */
export function Comments({ page, tz, names }: Props) {
  return (
    <>
      <p class="note">{t().comments.newest(count(page.responses.length), page.total)}</p>
      <ul class="comments">
        {page.responses.map((row) => (
          <AnswerItem
            key={row.rid}
            row={row}
            tz={tz}
            agentName={names.agent(row.agent)}
            departmentName={names.department(row.departmentId, row.department?.name)}
          />
        ))}
      </ul>
    </>
  );
}

import { t } from './i18n';
import { PAGE_SIZE } from './view';

interface Props {
  page: number;
  shown: number;
  total: number;
  onPage: (page: number) => void;
  describe: (first: number, last: number) => string;
}

/** Previous and next page, and which rows of how many are shown. */
export function Pager({ page, shown, total, onPage, describe }: Props) {
  const first = page * PAGE_SIZE + 1;
  // The API serves rows up to offset + count = 1,000 (survey.responses' MAX_PAGE_DEPTH).
  const more = first + shown - 1 < Math.min(total, 1000);
  return (
    <nav class="pager" aria-label={t().answers.pages}>
      <button
        type="button"
        class="secondary"
        disabled={page === 0}
        onClick={() => onPage(page - 1)}
      >
        {t().answers.previousPage}
      </button>
      <span role="status">{shown > 0 ? describe(first, first + shown - 1) : ''}</span>
      <button type="button" class="secondary" disabled={!more} onClick={() => onPage(page + 1)}>
        {t().answers.nextPage}
      </button>
    </nav>
  );
}

import { writeFilters, type Filters } from './filters';
import { t } from './i18n';
import { emptyView, VIEWS, type ViewName } from './view';

interface Props {
  filters: Filters;
  current: ViewName;
  onView: (name: ViewName) => void;
}

/** The page's views as links (each one a URL to share or open in a new tab). */
export function ViewNav({ filters, current, onView }: Props) {
  const words = t().views;
  return (
    <nav class="views" aria-label={words.label}>
      <ul>
        {VIEWS.map((name) => (
          <li key={name}>
            <a
              href={writeFilters(filters, emptyView(name))}
              aria-current={name === current ? 'page' : undefined}
              onClick={(e) => {
                if (e.ctrlKey || e.metaKey || e.shiftKey) return;
                e.preventDefault();
                onView(name);
              }}
            >
              {words[name]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

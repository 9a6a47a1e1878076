import type { ComponentChildren } from 'preact';
import { t } from './i18n';
import type { Load } from './useReports';

interface Props<T> {
  id: string;
  title: string;
  load: Load<T>;
  /** True when the data has nothing to show: the empty state instead of the content. */
  isEmpty?: (data: T) => boolean;
  empty?: string;
  note?: string;
  children: (data: T) => ComponentChildren;
  /** The page shows this section's error once at its top (every section failed alike). */
  errorShownAbove?: boolean;
  /** Shown whatever the state (a view's own tools: search, order). */
  before?: ComponentChildren;
}

/** A titled section with its loading, error and empty states. */
export function Section<T>(props: Props<T>) {
  const { id, title, load, isEmpty, empty, note, children, errorShownAbove, before } = props;
  const words = t();
  return (
    <section aria-labelledby={`${id}-title`} aria-busy={load.state === 'loading'} id={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      {note && <p class="note">{note}</p>}
      {before}
      {load.state === 'loading' && <p class="status">{words.sections.loading}</p>}
      {load.state === 'error' && !errorShownAbove && (
        <p class="status error" role="alert">
          {words.errors.section(load.message)}
        </p>
      )}
      {load.state === 'ok' &&
        (isEmpty?.(load.data) ? (
          <p class="status">{empty ?? words.sections.nothing}</p>
        ) : (
          children(load.data)
        ))}
    </section>
  );
}

import type { ComponentChildren } from 'preact';
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
}

/** A titled section with its loading, error and empty states. */
export function Section<T>({ id, title, load, isEmpty, empty, note, children }: Props<T>) {
  return (
    <section aria-labelledby={`${id}-title`} aria-busy={load.state === 'loading'} id={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      {note && <p class="note">{note}</p>}
      {load.state === 'loading' && <p class="status">Loading…</p>}
      {load.state === 'error' && (
        <p class="status error" role="alert">
          Could not load this section. {load.message}
        </p>
      )}
      {load.state === 'ok' &&
        (isEmpty?.(load.data) ? (
          <p class="status">{empty ?? 'Nothing in this period.'}</p>
        ) : (
          children(load.data)
        ))}
    </section>
  );
}

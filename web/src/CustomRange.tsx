import { useState } from 'preact/hooks';

interface Props {
  from: string;
  to: string;
  onApply: (range: { from: string; to: string }) => void;
}

/**
 * Two days, both included, applied together: changing one end at a time would load a report for
 * every half-typed range. How long a period may be is the API's rule (its message is shown).
 */
export function CustomRange({ from, to, onApply }: Props) {
  const [draft, setDraft] = useState({ from, to });
  const [problem, setProblem] = useState('');
  const apply = () => {
    if (!draft.from || !draft.to) return setProblem('Enter both days.');
    if (draft.from > draft.to) return setProblem('From must be on or before To.');
    setProblem('');
    onApply(draft);
  };
  return (
    <>
      <div class="field">
        <label for="from">From</label>
        <input
          id="from"
          type="date"
          value={draft.from}
          onInput={(e) => setDraft({ ...draft, from: e.currentTarget.value })}
        />
      </div>
      <div class="field">
        <label for="to">To (included)</label>
        <input
          id="to"
          type="date"
          value={draft.to}
          onInput={(e) => setDraft({ ...draft, to: e.currentTarget.value })}
        />
      </div>
      <div class="field apply">
        <button type="button" onClick={apply}>
          Apply
        </button>
        {problem && (
          <p class="status error" role="alert">
            {problem}
          </p>
        )}
      </div>
    </>
  );
}

import { useState } from 'preact/hooks';
import { t } from './i18n';

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
  const words = t().filters;
  const apply = () => {
    if (!draft.from || !draft.to) return setProblem(words.bothDays);
    if (draft.from > draft.to) return setProblem(words.fromAfterTo);
    setProblem('');
    onApply(draft);
  };
  return (
    <>
      <div class="field">
        <label for="from">{words.from}</label>
        <input
          id="from"
          type="date"
          value={draft.from}
          onInput={(e) => setDraft({ ...draft, from: e.currentTarget.value })}
        />
      </div>
      <div class="field">
        <label for="to">{words.to}</label>
        <input
          id="to"
          type="date"
          value={draft.to}
          onInput={(e) => setDraft({ ...draft, to: e.currentTarget.value })}
        />
      </div>
      <div class="field apply">
        <button type="button" onClick={apply}>
          {words.apply}
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

import { useState } from 'preact/hooks';
import { ApiError, saveFollowup, type Followup, type FollowupStatus } from './api';
import type { Credentials } from './auth';
import { dateTime } from './format';
import { t } from './i18n';
import type { Names } from './names';

interface Props {
  followup: Followup;
  tz: string;
  names: Names;
  credentials: Credentials;
  onSaved: () => void;
}

const STATUSES: FollowupStatus[] = ['open', 'contacted', 'resolved'];

/** One unhappy answer to call back: what they said, who served them, its status and a note. */
export function FollowupItem({ followup, tz, names, credentials, onSaved }: Props) {
  const words = t().followups;
  const [note, setNote] = useState(followup.note ?? '');
  const [message, setMessage] = useState('');
  const [saving, setSaving] = useState(false);
  const noteId = `note-${followup.rid}`;

  const mark = async (status: FollowupStatus) => {
    setSaving(true);
    setMessage('');
    try {
      // The note only when edited: an omitted note keeps the stored one.
      const edited = note !== (followup.note ?? '');
      await saveFollowup({ rid: followup.rid, status, ...(edited ? { note } : {}) }, credentials);
      setMessage(words.saved);
      onSaved();
    } catch (error) {
      const refused = error instanceof ApiError && error.status === 403;
      setMessage(refused ? words.cannotWrite : words.failed((error as Error).message));
    } finally {
      setSaving(false);
    }
  };

  return (
    <li data-rid={followup.rid} data-status={followup.status}>
      {followup.comment && <blockquote>{followup.comment}</blockquote>}
      <p class="detail">
        {words.satisfaction(followup.satisfaction)} · {dateTime(followup.answeredAt, tz)} ·{' '}
        {names.agent(followup.agent)} ·{' '}
        {names.department(followup.departmentId, followup.department?.name)}
        {followup.link && (
          <>
            {' · '}
            <a href={followup.link} target="_blank" rel="noopener noreferrer">
              {t().answers.openInRocketChat}
            </a>
          </>
        )}
      </p>
      <p class="followup-status">{words.statusNow(words[followup.status])}</p>
      <label for={noteId}>{words.noteLabel}</label>
      <textarea
        id={noteId}
        rows={2}
        maxLength={2000}
        value={note}
        onInput={(e) => setNote(e.currentTarget.value)}
      />
      <div class="status-buttons" role="group" aria-label={words.mark}>
        {STATUSES.map((status) => (
          <button
            key={status}
            type="button"
            class={status === followup.status ? '' : 'secondary'}
            aria-pressed={status === followup.status}
            disabled={saving}
            onClick={() => void mark(status)}
          >
            {words[status]}
          </button>
        ))}
      </div>
      <p class="status" role="status">
        {message}
      </p>
    </li>
  );
}

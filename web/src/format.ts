/** Formatting only: every number shown is the API's. */
const ITEM_LABELS: Record<string, string> = {
  satisfaction: 'Satisfaction',
  agentKnowledge: 'Agent knowledge',
  // Rocket.Chat's spelling of the item's name; the label is spelled right.
  agentResposiveness: 'Agent responsiveness',
  agentFriendliness: 'Agent friendliness',
  additionalFeedback: 'Comment',
};

export const itemLabel = (name: string) => ITEM_LABELS[name] ?? name;

/** Fewer satisfaction answers than this: the row's CSAT is marked as a small sample. */
export const SMALL_SAMPLE = 30;

export const count = (value: number) => value.toLocaleString('en-US');

export const percent = (share: number | null) =>
  share === null ? '–' : `${(share * 100).toFixed(1)} %`;

export const interval = (range: [number, number] | null) =>
  range === null
    ? 'no interval'
    : `${(range[0] * 100).toFixed(1)}–${(range[1] * 100).toFixed(1)} %`;

export const average = (value: number | null) => (value === null ? '–' : value.toFixed(2));

export const dateTime = (iso: string, tz: string) =>
  new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: tz,
  }).format(new Date(iso));

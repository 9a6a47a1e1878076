import { Cards, type Card } from './Cards';
import { ChangeMark } from './Change';
import type { Summary } from './api';
import { average, count, interval, itemLabel, percent } from './format';
import { t } from './i18n';

/**
 * The summary's figures as cards; each card's name and value are one description pair. With the
 * previous period (compare=previous), CSAT, the response rate and each item show their change.
 */
export function ScoreCards({ summary }: { summary: Summary }) {
  const words = t().figures;
  const { previous, change } = summary;
  const cards: Card[] = [
    { id: 'responses', name: words.responses, value: count(summary.responses) },
    {
      id: 'csat',
      name: words.csat,
      value: percent(summary.csat),
      detail: words.intervalOf(interval(summary.csatInterval)),
      change: previous && (
        <ChangeMark difference={change?.csat} previous={percent(previous.csat)} kind="share" />
      ),
    },
    {
      id: 'response-rate',
      name: words.responseRate,
      value: percent(summary.responseRate),
      detail: words.ofClosed(summary.roomsClosed),
      change: previous && (
        <ChangeMark
          difference={change?.responseRate}
          previous={percent(previous.responseRate)}
          kind="share"
        />
      ),
    },
    { id: 'comments', name: words.comments, value: count(summary.comments) },
    ...Object.entries(summary.items).map(([name, item]) => ({
      id: `item-${name}`,
      name: words.averageOf(itemLabel(name)),
      value: average(item.average),
      detail: words.answers(item.count),
      change: previous && (
        <ChangeMark
          difference={change?.items[name]}
          previous={average(previous.items[name]?.average ?? null)}
          kind="average"
        />
      ),
    })),
  ];
  return <Cards cards={cards} />;
}

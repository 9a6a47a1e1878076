import { Cards, type Card } from './Cards';
import type { Figures } from './api';
import { average, count, interval, itemLabel, percent } from './format';
import { t } from './i18n';

/** The summary's figures as cards; each card's name and value are one description pair. */
export function ScoreCards({ summary }: { summary: Figures }) {
  const words = t().figures;
  const cards: Card[] = [
    { id: 'responses', name: words.responses, value: count(summary.responses) },
    {
      id: 'csat',
      name: words.csat,
      value: percent(summary.csat),
      detail: words.intervalOf(interval(summary.csatInterval)),
    },
    {
      id: 'response-rate',
      name: words.responseRate,
      value: percent(summary.responseRate),
      detail: words.ofClosed(summary.roomsClosed),
    },
    { id: 'comments', name: words.comments, value: count(summary.comments) },
    ...Object.entries(summary.items).map(([name, item]) => ({
      id: `item-${name}`,
      name: words.averageOf(itemLabel(name)),
      value: average(item.average),
      detail: words.answers(item.count),
    })),
  ];
  return <Cards cards={cards} />;
}

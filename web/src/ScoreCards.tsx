import { Cards, type Card } from './Cards';
import type { Figures } from './api';
import { average, count, interval, itemLabel, percent } from './format';

/** The summary's figures as cards; each card's name and value are one description pair. */
export function ScoreCards({ summary }: { summary: Figures }) {
  const cards: Card[] = [
    { id: 'responses', name: 'Responses', value: count(summary.responses) },
    {
      id: 'csat',
      name: 'CSAT',
      value: percent(summary.csat),
      detail: `95 % interval: ${interval(summary.csatInterval)}`,
    },
    {
      id: 'response-rate',
      name: 'Response rate',
      value: percent(summary.responseRate),
      detail: `of ${count(summary.roomsClosed)} closed chats`,
    },
    { id: 'comments', name: 'Comments', value: count(summary.comments) },
    ...Object.entries(summary.items).map(([name, item]) => ({
      id: `item-${name}`,
      name: `Average ${itemLabel(name).toLowerCase()}`,
      value: average(item.average),
      detail: `${count(item.count)} answers`,
    })),
  ];
  return <Cards cards={cards} />;
}

import type { ComponentChildren } from 'preact';

/**
 * One figure: its name and value are one description pair, the detail a second description, the
 * change against the previous period a third.
 */
export type Card = {
  id: string;
  name: string;
  value: string;
  detail?: string;
  change?: ComponentChildren;
};

/** Figures as cards (the summary's, the sources'). */
export function Cards({ cards }: { cards: Card[] }) {
  return (
    <dl class="cards">
      {cards.map((card) => (
        <div class="card" key={card.id} data-card={card.id}>
          <dt>{card.name}</dt>
          <dd class="value">{card.value}</dd>
          {card.detail && <dd class="detail">{card.detail}</dd>}
          {card.change && <dd class="change-line">{card.change}</dd>}
        </div>
      ))}
    </dl>
  );
}

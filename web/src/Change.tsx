import type { Difference } from './api';
import { average, points } from './format';
import { t } from './i18n';

interface Props {
  difference: Difference | undefined;
  /** The previous period's figure, formatted. */
  previous: string;
  /** A share (CSAT, response rate: the change in points) or an average. */
  kind: 'share' | 'average';
}

const ARROWS = { up: '↑', down: '↓', flat: '→' } as const;

/**
 * A figure's change against the previous period: an arrow, the amount, and whether its 95 %
 * interval excludes zero. The previous value is written out, visually hidden until the mark is
 * hovered or focused, so that a screen reader reads it too (a title would not).
 */
export function ChangeMark({ difference, previous, kind }: Props) {
  if (!difference) return null;
  const words = t().change;
  const v = difference.value;
  const direction = v === null || v === 0 ? 'flat' : v > 0 ? 'up' : 'down';
  const verdict =
    difference.significant === null
      ? words.unknown
      : difference.significant
        ? words.significant
        : words.noise;
  const amount = v === null ? '' : kind === 'share' ? words.points(points(v)) : average(v, true);
  const strong = difference.significant === true;
  return (
    <span
      class={`change ${direction}${strong ? ' significant' : ''}`}
      tabIndex={0}
      data-significant={String(difference.significant)}
    >
      <span aria-hidden="true">{ARROWS[direction]} </span>
      <span class="visually-hidden">{words[direction]} </span>
      {amount && <span class="amount">{amount} </span>}
      <span class="verdict">{verdict}</span>
      <span class="tip">{words.previous(previous)}</span>
    </span>
  );
}

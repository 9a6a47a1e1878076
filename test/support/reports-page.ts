import type { Page } from 'playwright-core';
import type { Figures, LinkFunnel } from '../../src/reports/report-figures';

/** What the API answers, fetched as the page would (same routes, same headers). */
export async function apiJson<T>(
  base: string,
  route: string,
  params: Record<string, string>,
  headers: Record<string, string>,
): Promise<T> {
  const res = await fetch(
    `${base}/api/v1/livechat/${route}?${new URLSearchParams(params).toString()}`,
    { headers },
  );
  if (res.status !== 200) throw new Error(`${route}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A report's figures, as the API answers them. */
export type Summary = Figures;
/** survey.report's answer: the summary and the link funnel. */
export interface Report {
  summary: Summary;
  links: LinkFunnel;
  groups?: Group[];
}
export interface Group extends Summary {
  key: string | null;
  label: string | null;
}

/** The page's formats, through the same Intl (the page is in English for these tests). */
const PERCENT = { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 } as const;
const percents = new Intl.NumberFormat('en', PERCENT);
const pct = (share: number | null) => (share === null ? '–' : percents.format(share));
const range = (r: [number, number] | null) =>
  r === null ? 'no interval' : percents.formatRange(r[0], r[1]);
const n = (value: number) => new Intl.NumberFormat('en').format(value);
const plural = (count: number, one: string, other: string) =>
  `${n(count)} ${count === 1 ? one : other}`;

/** The cards a report must show (the summary's, then the sources'), as text: the API's numbers. */
export function expectedCards({ summary, links }: Pick<Report, 'summary' | 'links'>) {
  const cards: Record<string, string> = {
    responses: n(summary.responses),
    csat: `${pct(summary.csat)} | 95 % interval: ${range(summary.csatInterval)}`,
    'response-rate': `${pct(summary.responseRate)} | of ${plural(summary.roomsClosed, 'closed chat', 'closed chats')}`,
    comments: n(summary.comments),
  };
  for (const [name, item] of Object.entries(summary.items))
    cards[`item-${name}`] =
      `${item.average === null ? '–' : item.average.toFixed(2)} | ${plural(item.count, 'answer', 'answers')}`;
  const of = (part: number, whole: number) => pct(whole === 0 ? null : part / whole);
  const { widget, link } = summary.bySource;
  cards['source-widget'] = `${n(widget)} | ${of(widget, summary.responses)} of responses`;
  cards['source-link'] = `${n(link)} | ${of(link, summary.responses)} of responses`;
  cards['links-created'] = n(links.created);
  cards['links-opened'] = `${n(links.opened)} | ${of(links.opened, links.created)} of links sent`;
  cards['links-answered'] = n(links.answered);
  cards['link-response-rate'] = pct(links.responseRate);
  return cards;
}

/** The score cards the page shows: each card's value and detail, by card. */
export function shownCards(page: Page): Promise<Record<string, string>> {
  return page.$$eval('[data-card]', (cards) =>
    Object.fromEntries(
      cards.map((card) => [
        card.getAttribute('data-card'),
        Array.from(card.querySelectorAll('dd:not(.change-line)'))
          .map((dd) => dd.textContent)
          .join(' | '),
      ]),
    ),
  );
}

/** Polls `read` until it equals `expected` (10 s), then asserts, so a failure shows the diff. */
export async function until<T>(read: () => Promise<T>, expected: T, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (JSON.stringify(last) !== JSON.stringify(expected) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    last = await read();
  }
  expect(last).toEqual(expected);
}

/** Today (YYYY-MM-DD) on the wall clock of `tz`, and a day `days` later or earlier. */
export function dayIn(tz: string, days = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: tz }).format(new Date());
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

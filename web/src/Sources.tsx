import { Cards, type Card } from './Cards';
import type { Report } from './api';
import { count, percent } from './format';
import { t } from './i18n';

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/** Answers by source, and the survey links' funnel: cards like the summary's. */
export function Sources({ report }: { report: Report }) {
  const words = t().sources;
  const { bySource, responses } = report.summary;
  const links = report.links ?? { created: 0, opened: 0, answered: 0, responseRate: null };
  const cards: Card[] = [
    {
      id: 'source-widget',
      name: words.widget,
      value: count(bySource.widget),
      detail: words.ofResponses(percent(share(bySource.widget, responses))),
    },
    {
      id: 'source-link',
      name: words.link,
      value: count(bySource.link),
      detail: words.ofResponses(percent(share(bySource.link, responses))),
    },
    { id: 'links-created', name: words.created, value: count(links.created) },
    {
      id: 'links-opened',
      name: words.opened,
      value: count(links.opened),
      detail: words.ofCreated(percent(share(links.opened, links.created))),
    },
    { id: 'links-answered', name: words.answered, value: count(links.answered) },
    { id: 'link-response-rate', name: words.linkResponseRate, value: percent(links.responseRate) },
  ];
  return <Cards cards={cards} />;
}

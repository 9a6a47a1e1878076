import { fetchReport, type Group, type Report } from './api';
import type { Credentials } from './auth';
import { count, hourName, percent, weekdayName, wholePercent } from './format';
import { apiParams, type Filters } from './filters';
import { t } from './i18n';
import { Section } from './Section';
import { useLoad } from './useLoad';

interface Props {
  filters: Filters;
  credentials: Credentials;
  onCell: (weekday: string, hour: string) => void;
  onAuthFailure: (message: string) => void;
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];
const HOURS = Array.from({ length: 24 }, (_, h) => h);

/** A cell's shade by CSAT (text carries the figure; the shade only helps the eye find clusters). */
const shade = (g: Group | undefined) =>
  !g || g.csat === null ? 'heat-none' : `heat-${Math.min(4, Math.floor(g.csat * 5))}`;

/**
 * CSAT and volume by weekday (columns) and hour (rows) in the report's time zone: hours down the
 * page keep it eight columns wide, readable on a phone. Each cell with answers opens them.
 */
export function Hours({ filters, credentials, onCell, onAuthFailure }: Props) {
  const words = t();
  const params = apiParams(filters);
  const [load] = useLoad<Report>(
    () => fetchReport(params, credentials, 'weekday-hour'),
    JSON.stringify(params),
    onAuthFailure,
  );
  return (
    <Section
      id="hours"
      title={words.views.hours}
      note={words.hours.note}
      load={load}
      isEmpty={(r) => r.summary.responses === 0}
      empty={words.hours.empty}
    >
      {(report) => {
        const cells = new Map((report.groups ?? []).map((g) => [g.key, g]));
        return (
          <table class="heatmap">
            <caption class="visually-hidden">{words.hours.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{words.hours.hour}</th>
                {WEEKDAYS.map((d) => (
                  <th scope="col" key={d}>
                    <abbr title={weekdayName(d)}>{weekdayName(d, 'short')}</abbr>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {HOURS.map((h) => (
                <tr key={h}>
                  <th scope="row">{hourName(h)}</th>
                  {WEEKDAYS.map((d) => {
                    const g = cells.get(`${d}-${h}`);
                    const n = g?.responses ?? 0;
                    return (
                      <td key={d} class={shade(g)} data-cell={`${d}-${h}`}>
                        {n > 0 && (
                          <>
                            <button
                              type="button"
                              aria-describedby={`cell-${d}-${h}`}
                              onClick={() => onCell(String(d), String(h))}
                            >
                              <span>{g!.csat === null ? '–' : wholePercent(g!.csat * 100)}</span>
                              <span class="volume">{count(n)}</span>
                            </button>
                            <span id={`cell-${d}-${h}`} class="visually-hidden">
                              {words.hours.cell(weekdayName(d), hourName(h), percent(g!.csat), n)}
                            </span>
                          </>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        );
      }}
    </Section>
  );
}

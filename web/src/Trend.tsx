import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Report } from './api';
import { count, day, interval, percent, wholePercent } from './format';
import { locale, t } from './i18n';

const LINE = '#1d4ed8';
const BAND = 'rgba(29, 78, 216, 0.15)';

/** Days as uPlot's x values (seconds at UTC midnight; the axis is drawn in UTC, so as the day). */
const seconds = (key: string) => Date.parse(`${key}T00:00:00Z`) / 1000;
const keyOf = (s: number) => new Date(s * 1000).toISOString().slice(0, 10);
const pct = (share: number | null | undefined) => (share == null ? null : share * 100);
const shown = (_u: uPlot, v: number | null) => (v == null ? '–' : percent(v / 100));

/**
 * The axis as wide as its longest label in the current font, so no label is ever clipped
 * (uPlot's fixed default cut "100 %").
 */
const fitLabels: uPlot.Axis.Size = (u, values, axisIdx, cycleNum) => {
  const axis = u.axes[axisIdx];
  if (cycleNum > 1) return (axis as { _size?: number })._size ?? 50;
  const longest = (values ?? []).reduce((a, v) => (v.length > a.length ? v : a), '');
  u.ctx.font = axis.font?.[0] ?? u.ctx.font;
  const text = longest ? u.ctx.measureText(longest).width / devicePixelRatio : 0;
  return Math.ceil((axis.ticks?.size ?? 10) + (axis.gap ?? 5) + text + 4);
};

function options(width: number): uPlot.Options {
  const words = t();
  const bound = { stroke: LINE, width: 1, dash: [4, 4], points: { show: false }, value: shown };
  return {
    width,
    height: 260,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    scales: { y: { range: [0, 100] } },
    axes: [
      { values: (_u, ticks) => ticks.map((s) => day(keyOf(s), 'short')) },
      { values: (_u, ticks) => ticks.map(wholePercent), size: fitLabels },
    ],
    series: [
      { label: words.trend.day, value: (_u, s) => (s == null ? '–' : day(keyOf(s))) },
      { label: words.figures.csat, stroke: LINE, width: 2, value: shown },
      { label: words.trend.low, ...bound },
      { label: words.trend.high, ...bound },
    ],
    bands: [{ series: [3, 2], fill: BAND }],
  };
}

/** CSAT per day as a line, its 95 % interval as a band; the same numbers as a table below. */
interface Props {
  report: Report;
  /** Opens the answers of a day (a click on the chart, or the day in the table). */
  onDay: (day: string) => void;
}

export function Trend({ report, onDay }: Props) {
  const days = report.groups ?? [];
  const chart = useRef<HTMLDivElement>(null);
  const words = t();

  useEffect(() => {
    const host = chart.current;
    if (!host) return;
    const data: uPlot.AlignedData = [
      days.map((d) => seconds(d.key!)),
      days.map((d) => pct(d.csat)),
      days.map((d) => pct(d.csatInterval?.[0])),
      days.map((d) => pct(d.csatInterval?.[1])),
    ];
    const plot = new uPlot(options(host.clientWidth), data, host);
    // A click on the chart opens the day under the cursor (the table's buttons do it by keyboard).
    const open = () => {
      const index = plot.cursor.idx;
      if (index != null && days[index]?.key) onDay(days[index].key);
    };
    plot.over.addEventListener('click', open);
    const resize = new ResizeObserver(() => plot.setSize({ width: host.clientWidth, height: 260 }));
    resize.observe(host);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [report, locale()]);

  const answered = days.filter((d) => d.csat !== null).length;
  const [first, last] = [days[0]?.key, days[days.length - 1]?.key];
  const description =
    first && last
      ? words.trend.description(day(first), day(last), report.period.tz, answered, days.length)
      : '';

  return (
    <>
      <div class="chart" ref={chart} role="img" aria-label={description} />
      <details>
        <summary>{words.trend.asTable}</summary>
        <div class="scroll">
          <table>
            <caption class="visually-hidden">{words.sections.trend}</caption>
            <thead>
              <tr>
                <th scope="col">{words.trend.day}</th>
                <th scope="col">{words.figures.responses}</th>
                <th scope="col">{words.figures.csat}</th>
                <th scope="col">{words.figures.interval}</th>
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d.key} data-day={d.key}>
                  <th scope="row">
                    <button type="button" class="link" onClick={() => onDay(d.key!)}>
                      {day(d.key!)}
                    </button>
                  </th>
                  <td>{count(d.responses)}</td>
                  <td>{percent(d.csat)}</td>
                  <td>{interval(d.csatInterval)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}

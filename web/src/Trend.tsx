import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Report } from './api';
import { count, interval, percent } from './format';

const LINE = '#1d4ed8';
const BAND = 'rgba(29, 78, 216, 0.15)';

/** Days as uPlot's x values (seconds at UTC midnight; the axis is drawn in UTC, so as the day). */
const seconds = (day: string) => Date.parse(`${day}T00:00:00Z`) / 1000;
const pct = (share: number | null | undefined) => (share == null ? null : share * 100);

/** CSAT per day as a line, its 95 % interval as a band; the same numbers as a table below. */
export function Trend({ report }: { report: Report }) {
  const days = report.groups ?? [];
  const chart = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const host = chart.current;
    if (!host) return;
    const data: uPlot.AlignedData = [
      days.map((d) => seconds(d.key!)),
      days.map((d) => pct(d.csat)),
      days.map((d) => pct(d.csatInterval?.[0])),
      days.map((d) => pct(d.csatInterval?.[1])),
    ];
    const bound = { stroke: LINE, width: 1, dash: [4, 4], points: { show: false } };
    const plot = new uPlot(
      {
        width: host.clientWidth,
        height: 260,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
        scales: { y: { range: [0, 100] } },
        axes: [{}, { values: (_u, ticks) => ticks.map((t) => `${t} %`) }],
        series: [
          { label: 'Day', value: '{YYYY}-{MM}-{DD}' },
          {
            label: 'CSAT',
            stroke: LINE,
            width: 2,
            value: (_u, v) => (v == null ? '–' : `${v.toFixed(1)} %`),
          },
          {
            label: '95 % low',
            ...bound,
            value: (_u, v) => (v == null ? '–' : `${v.toFixed(1)} %`),
          },
          {
            label: '95 % high',
            ...bound,
            value: (_u, v) => (v == null ? '–' : `${v.toFixed(1)} %`),
          },
        ],
        bands: [{ series: [3, 2], fill: BAND }],
      },
      data,
      host,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: host.clientWidth, height: 260 }));
    resize.observe(host);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [report]);

  const answered = days.filter((d) => d.csat !== null);
  const description =
    `CSAT by day from ${days[0]?.key} to ${days[days.length - 1]?.key} (${report.period.tz}): ` +
    `${answered.length} of ${days.length} days have satisfaction answers. ` +
    'The solid line is CSAT, the dashed lines and shaded band its 95 % interval. ' +
    'The table below lists every day.';

  return (
    <>
      <div class="chart" ref={chart} role="img" aria-label={description} />
      <details>
        <summary>CSAT by day as a table</summary>
        <div class="scroll">
          <table>
            <caption class="visually-hidden">CSAT by day</caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">Responses</th>
                <th scope="col">CSAT</th>
                <th scope="col">95 % interval</th>
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d.key}>
                  <th scope="row">{d.key}</th>
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

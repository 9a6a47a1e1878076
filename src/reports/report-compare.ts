import type { Compared } from './report-figures';
import type { Tally } from './report-fold';
import { meanDifference, proportionDifference } from './report-statistics';

/** compare=previous for one summary or group: the previous figures and the change since. */
export function compared(current: Tally, previous: Tally): Compared {
  const now = current.samples();
  const before = previous.samples();
  return {
    previous: previous.figures(),
    change: {
      csat: proportionDifference(current.csat(), previous.csat()),
      responseRate: proportionDifference(current.responseRate(), previous.responseRate()),
      items: Object.fromEntries(
        Object.keys(now).map((item) => [item, meanDifference(now[item], before[item] ?? null)]),
      ),
    },
  };
}

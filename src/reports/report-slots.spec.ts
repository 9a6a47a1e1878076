import type { AppConfig } from '../config/app.config';
import { reportPasses } from '../config/app.config';
import { RocketChatError } from '../common/rocketchat-error';
import { ReportSlots } from './report-slots';

const slotsOf = (maxConcurrent: number, queueMax: number, queueWaitMs: number) =>
  new ReportSlots({ reports: { slots: { maxConcurrent, queueMax, queueWaitMs } } } as AppConfig);

/** A pass that ends when told to. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, work: () => opened };
}

describe('ReportSlots', () => {
  it('runs at most N at once and starts the waiting ones first come first served', async () => {
    const slots = slotsOf(2, 10, 60_000);
    const started: number[] = [];
    const gates = [gate(), gate(), gate(), gate()];
    const runs = gates.map((g, i) =>
      slots.run(() => {
        started.push(i);
        return g.work();
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(slots.load).toEqual({ running: 2, waiting: 2 });
    gates[1].open();
    await runs[1];
    expect(started).toEqual([0, 1, 2]);
    gates[0].open();
    await runs[0];
    expect(started).toEqual([0, 1, 2, 3]);
    gates[2].open();
    gates[3].open();
    await Promise.all(runs);
    expect(slots.load).toEqual({ running: 0, waiting: 0 });
  });

  it('answers 503 service-busy with Retry-After beyond the queue, and runs nothing', async () => {
    const slots = slotsOf(1, 1, 4_500);
    const g = gate();
    const first = slots.run(g.work);
    const queued = slots.run(() => Promise.resolve('queued'));
    const extra = jest.fn(() => Promise.resolve('extra'));
    const error = await slots.run(extra).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RocketChatError);
    expect((error as RocketChatError).status).toBe(503);
    expect((error as RocketChatError).body).toEqual({
      success: false,
      error: 'Too many reports are running; try again in a moment [service-busy]',
      errorType: 'service-busy',
    });
    expect((error as RocketChatError).headers).toEqual({ 'Retry-After': '5' });
    expect(extra).not.toHaveBeenCalled();
    g.open();
    await first;
    await expect(queued).resolves.toBe('queued');
  });

  it('gives up a wait after the limit, leaving the queue as it was', async () => {
    jest.useFakeTimers();
    try {
      const slots = slotsOf(1, 5, 1_000);
      const g = gate();
      const first = slots.run(g.work);
      const waiting = slots.run(() => Promise.resolve('late'));
      const settled = waiting.catch((e: RocketChatError) => e.code);
      jest.advanceTimersByTime(1_000);
      await expect(settled).resolves.toBe('service-busy');
      expect(slots.load).toEqual({ running: 1, waiting: 0 });
      g.open();
      await first;
      expect(slots.load).toEqual({ running: 0, waiting: 0 });
    } finally {
      jest.useRealTimers();
    }
  });

  it('gives the slot back when the pass fails', async () => {
    const slots = slotsOf(1, 0, 1_000);
    await expect(slots.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(slots.run(() => Promise.resolve(1))).resolves.toBe(1);
  });
});

describe('reportPasses (REPORTS_MAX_CONCURRENT default)', () => {
  it('leaves the survey path a connection, at most 4 passes', () => {
    expect([1, 2, 3, 5, 100].map(reportPasses)).toEqual([1, 1, 2, 4, 4]);
  });
});

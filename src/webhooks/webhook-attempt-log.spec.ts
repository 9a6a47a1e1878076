import type { Logger } from '@nestjs/common';
import type { Counter, Histogram } from 'prom-client';
import {
  appendRecord,
  AttemptLog,
  FAILURE_LOG_EVERY_MS,
  FailureLogThrottle,
  MAX_ATTEMPT_RECORDS,
} from './webhook-attempt-log';
import { errorClass } from './webhook-sender';
import { RefusedAddressError } from './webhook-address';
import type { AttemptRecord, DeliveryDocument } from './webhook.schema';

const record = (status: number): AttemptRecord => ({
  at: new Date(0),
  status,
  error: null,
  durationMs: 1,
  response: '',
});

describe('the attempts kept per delivery', () => {
  it('keeps the latest MAX_ATTEMPT_RECORDS, oldest first', () => {
    let history: AttemptRecord[] | undefined;
    for (let i = 1; i <= MAX_ATTEMPT_RECORDS + 3; i++) history = appendRecord(history, record(i));
    expect(history!.map((r) => r.status)).toEqual(
      Array.from({ length: MAX_ATTEMPT_RECORDS }, (_, i) => i + 4),
    );
  });
});

describe('FailureLogThrottle', () => {
  it('admits one failure per hook per minute and counts the ones held back', () => {
    const throttle = new FailureLogThrottle();
    expect(throttle.admit('a', 0)).toBe(0);
    expect(throttle.admit('a', 1_000)).toBeNull();
    expect(throttle.admit('b', 2_000)).toBe(0);
    expect(throttle.admit('a', FAILURE_LOG_EVERY_MS - 1)).toBeNull();
    expect(throttle.admit('a', FAILURE_LOG_EVERY_MS)).toBe(2);
    expect(throttle.admit('a', FAILURE_LOG_EVERY_MS + 1)).toBeNull();
    expect(throttle.admit('a', 2 * FAILURE_LOG_EVERY_MS)).toBe(1);
  });
});

describe('AttemptLog', () => {
  const delivery = {
    _id: 'd1',
    hookId: 'h1',
    type: 'survey.submitted',
    eventId: 'msg_1',
    submittedAt: new Date(),
  } as DeliveryDocument;
  const failed = { status: 503, error: null, errorClass: null, durationMs: 5, response: '' };

  it('warns of a failing hook once a minute, then names how many it did not log', () => {
    const logger = { log: jest.fn(), warn: jest.fn() };
    const log = new AttemptLog(
      logger as unknown as Logger,
      { inc: jest.fn() } as unknown as Counter<string>,
      { observe: jest.fn() } as unknown as Histogram<string>,
    );
    let now = 1_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    for (let i = 0; i < 5; i++) log.record(delivery, i + 1, failed, { status: 'pending' });
    now += FAILURE_LOG_EVERY_MS;
    log.record(delivery, 6, failed, { status: 'failed' });
    log.record(delivery, 7, { ...failed, status: 200 }, { status: 'delivered' });
    expect(logger.warn.mock.calls.map(([line]: string[]) => line.replace(/^.*: /, ''))).toEqual([
      'HTTP 503 in 5 ms, retrying',
      'HTTP 503 in 5 ms, failed (4 more failed attempts of this hook not logged)',
    ]);
    expect(logger.log).toHaveBeenCalledTimes(1);
    jest.restoreAllMocks();
  });
});

describe('errorClass', () => {
  const coded = (code: string) => Object.assign(new Error(code), { code });
  it.each([
    ['ECONNREFUSED', 'refused'],
    ['ENOTFOUND', 'dns'],
    ['EAI_AGAIN', 'dns'],
    ['ETIMEDOUT', 'timeout'],
    ['ECONNRESET', 'reset'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls'],
    ['CERT_HAS_EXPIRED', 'tls'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls'],
    ['EHOSTUNREACH', 'network'],
  ])('%s is %s', (code, expected) => {
    expect(errorClass(coded(code))).toBe(expected);
  });

  it('tells a refused address from a name that does not resolve', () => {
    expect(errorClass(new RefusedAddressError('vm resolves to a refused address'))).toBe('blocked');
    expect(errorClass(new RefusedAddressError('vm does not resolve'))).toBe('dns');
  });
});

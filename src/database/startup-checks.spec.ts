import { mongo } from 'mongoose';
import { describeFailure } from './startup-checks';

/** The one phrase each failed connection attempt is logged with, and whether to try again. */
describe('describeFailure', () => {
  const network = (code: string) =>
    new mongo.MongoNetworkError(`connect ${code} 127.0.0.1:1`, {
      cause: Object.assign(new Error(code), { code }),
    });

  it.each([
    ['ECONNREFUSED', 'connection refused'],
    ['ENOTFOUND', 'host not found'],
    ['EAI_AGAIN', 'host name lookup failed'],
    ['EHOSTUNREACH', 'host unreachable'],
  ])('a network error %s: "%s", tried again', (code, cause) => {
    expect(describeFailure(network(code))).toEqual({ cause, retry: true });
  });

  it('a handshake time-out: "no answer (timed out)", tried again', () => {
    const error = new mongo.MongoNetworkTimeoutError('connection 1 to 127.0.0.1:27017 timed out');
    expect(describeFailure(error)).toEqual({ cause: 'no answer (timed out)', retry: true });
  });

  it('refused credentials: "authentication failed", not tried again', () => {
    const error = new mongo.MongoServerError({
      ok: 0,
      code: 18,
      codeName: 'AuthenticationFailed',
      errmsg: 'Authentication failed.',
    });
    expect(describeFailure(error)).toEqual({ cause: 'authentication failed', retry: false });
  });
});

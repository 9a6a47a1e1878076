import { redactUrl } from './redact';

describe('redactUrl', () => {
  it('hides the token in the visitor path and in any token query parameter', () => {
    expect(redactUrl('/api/v1/livechat/visitor/abc123')).toBe(
      '/api/v1/livechat/visitor/[Redacted]',
    );
    expect(redactUrl('/api/v1/livechat/visitor/abc123?x=1')).toBe(
      '/api/v1/livechat/visitor/[Redacted]?x=1',
    );
    expect(redactUrl('/api/v1/livechat/room?token=abc&rid=r1')).toBe(
      '/api/v1/livechat/room?token=[Redacted]&rid=r1',
    );
    expect(redactUrl('/api/v1/livechat/config?department=d&TOKEN=abc')).toBe(
      '/api/v1/livechat/config?department=d&TOKEN=[Redacted]',
    );
    expect(redactUrl('/api/v1/livechat/room.survey')).toBe('/api/v1/livechat/room.survey');
  });
});

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

  it('redacts the token as the query parser reads it: decoded keys, any case, brackets, repeats', () => {
    expect(redactUrl('/api/v1/livechat/room?tok%65n=abc')).toBe(
      '/api/v1/livechat/room?token=[Redacted]',
    );
    expect(redactUrl('/room?%74%6F%6B%65%6E=%61%62%63&rid=r%201')).toBe(
      '/room?token=[Redacted]&rid=r%201',
    );
    expect(redactUrl('/room?token[]=abc&token%5B0%5D=abc&Token=a&token=b')).toBe(
      '/room?token%5B%5D=[Redacted]&token%5B0%5D=[Redacted]&Token=[Redacted]&token=[Redacted]',
    );
    expect(redactUrl('/room?token')).toBe('/room?token=[Redacted]');
    expect(redactUrl('/room?')).toBe('/room?');
  });

  it('redacts everything after a visitor segment of the decoded path', () => {
    expect(redactUrl('/api/v1/livechat/visitor/%61bc/')).toBe(
      '/api/v1/livechat/visitor/[Redacted]',
    );
    expect(redactUrl('/api/v1/livechat/%76isitor/abc')).toBe('/api/v1/livechat/visitor/[Redacted]');
    expect(redactUrl('/api/v1/livechat/visitor%2Fabc')).toBe('/api/v1/livechat/visitor/[Redacted]');
    expect(redactUrl('/api/v1/livechat/VISITOR//a/b')).toBe('/api/v1/livechat/VISITOR//[Redacted]');
    expect(redactUrl('/api/v1/livechat/visitor')).toBe('/api/v1/livechat/visitor');
    expect(redactUrl('/api/v1/livechat/visitor/%zz')).toBe('/api/v1/livechat/visitor/[Redacted]');
  });

  it("redacts a survey link's id (a credential) in any spelling, keeping the page's language", () => {
    const id = 'Xb3kQ9vR2mT8wL5nP7jH4sD6fG1aZ0cE';
    expect(redactUrl(`/survey/${id}`)).toBe('/survey/[Redacted]');
    expect(redactUrl(`/survey/${id}/thanks?lang=de`)).toBe('/survey/[Redacted]?lang=de');
    expect(redactUrl(`/%73urvey/${id}`)).toBe('/survey/[Redacted]');
    expect(redactUrl(`/SURVEY//${id}`)).toBe('/SURVEY//[Redacted]');
    expect(redactUrl('/api/v1/livechat/survey.link')).toBe('/api/v1/livechat/survey.link');
  });
});

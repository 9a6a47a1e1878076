import { csvChunks, csvHeader, csvLine, field, neutralise } from './csv';
import type { CsvRow } from './survey-responses.service';

const row = (overrides: Partial<CsvRow> = {}): CsvRow => ({
  rid: 'room1',
  ts: '2026-03-01T10:00:00.000Z',
  closedAt: null,
  submittedAt: '2026-03-01T10:30:00.000Z',
  agent: { _id: 'agent1', username: 'ann', name: 'Ann Lee' },
  departmentId: null,
  department: null,
  items: { satisfaction: '5' },
  comment: null,
  source: 'widget',
  link: null,
  agentCurrentUsername: 'ann.lee',
  ...overrides,
});

describe('CSV export encoding', () => {
  it.each([
    '=1+1',
    '+1',
    '-1',
    '@SUM(A1)',
    '\tx',
    '\rx',
    '\0=1+1',
    '\n=1+1',
    '＝1+1',
    '＋1',
    '－1',
    '＠SUM(A1)',
  ])('neutralises a cell a spreadsheet would run as a formula: %j', (cell) =>
    expect(neutralise(cell)).toBe(`'${cell}`),
  );

  it('leaves ordinary text alone', () => {
    expect(neutralise('Great, thanks')).toBe('Great, thanks');
    expect(neutralise('a=b')).toBe('a=b');
  });

  it('quotes fields with quotes, commas, CR or LF (RFC 4180), doubling quotes', () => {
    expect(field('say "hi", ok')).toBe('"say ""hi"", ok"');
    expect(field('two\nlines')).toBe('"two\nlines"');
    expect(field('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(field(null)).toBe('');
  });

  it('writes a header and CRLF-terminated rows: items in configured order, source, then names', () => {
    const items = ['satisfaction', 'agentKnowledge'];
    expect(csvHeader(items)).toBe(
      'rid,submittedAt,ts,closedAt,agentId,agentUsername,departmentId,satisfaction,agentKnowledge,comment,source,agentCurrentUsername,agentName,departmentName\r\n',
    );
    expect(csvLine(row({ comment: 'ok, "fine"' }), items)).toBe(
      'room1,2026-03-01T10:30:00.000Z,2026-03-01T10:00:00.000Z,,agent1,ann,,5,,"ok, ""fine""",widget,ann.lee,Ann Lee,\r\n',
    );
    const sales = { departmentId: 'd1', department: { _id: 'd1', name: '=Sales, EU' } };
    const unserved = row({ source: 'link', agent: null, agentCurrentUsername: null, ...sales });
    expect(csvLine(unserved, items)).toBe(
      `room1,2026-03-01T10:30:00.000Z,2026-03-01T10:00:00.000Z,,,,d1,5,,,link,,,"'=Sales, EU"\r\n`,
    );
  });

  it('streams in chunks that together are the whole file', async () => {
    const rows = (async function* () {
      for (let i = 0; i < 3000; i++) {
        yield await Promise.resolve(row({ rid: `room${i}`, comment: 'x'.repeat(40) }));
      }
    })();
    const chunks: string[] = [];
    for await (const chunk of csvChunks(rows, ['satisfaction'])) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(1);
    const lines = chunks.join('').split('\r\n');
    expect(lines).toHaveLength(3002);
    expect(lines[3000]).toContain('room2999');
  });
});

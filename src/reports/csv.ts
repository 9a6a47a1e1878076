import type { CsvRow } from './survey-responses.service';

/**
 * Cells a spreadsheet would run as a formula get a leading apostrophe: OWASP's advice against
 * CSV injection (a leading =, +, -, @, tab or CR), and also NUL and LF, which an import may drop
 * before reading the rest, and the full-width ＝ ＋ － ＠, which East Asian input setups may fold
 * to their ASCII forms. A visitor writes the comments.
 */
export function neutralise(cell: string): string {
  return /^[=+\-@\t\r\n\0＝＋－＠]/.test(cell) ? `'${cell}` : cell;
}

/** One RFC 4180 field: quoted when it holds a quote, comma, CR or LF; quotes doubled. */
export function field(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  const cell = neutralise(value);
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/**
 * The export's columns: the room, its times, agent, department, each item, the comment, then
 * what came later, each added last so that spreadsheets and scripts reading the columns by
 * position still work: the source, then the names (agentUsername is the one stored on the room
 * when it was served; agentCurrentUsername and agentName are the user's in Rocket.Chat now).
 */
export function csvHeader(items: readonly string[]): string {
  const columns = ['rid', 'submittedAt', 'ts', 'closedAt', 'agentId', 'agentUsername'];
  const names = ['agentCurrentUsername', 'agentName', 'departmentName'];
  const all = [...columns, 'departmentId', ...items, 'comment', 'source', ...names];
  return `${all.map(field).join(',')}\r\n`;
}

export function csvLine(row: CsvRow, items: readonly string[]): string {
  const cells = [
    row.rid,
    row.submittedAt,
    row.ts,
    row.closedAt,
    row.agent?._id,
    row.agent?.username,
    row.departmentId,
    ...items.map((item) => row.items[item]),
    row.comment,
    row.source,
    row.agentCurrentUsername,
    row.agent?.name,
    row.department?.name,
  ];
  return `${cells.map(field).join(',')}\r\n`;
}

const CHUNK = 64 * 1024;

/** The CSV text in chunks of about 64 KB, pulling rows only as fast as they are read. */
export async function* csvChunks(
  rows: AsyncIterable<CsvRow>,
  items: readonly string[],
): AsyncGenerator<string> {
  let chunk = csvHeader(items);
  for await (const row of rows) {
    chunk += csvLine(row, items);
    if (chunk.length >= CHUNK) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

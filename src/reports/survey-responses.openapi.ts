import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiResponse } from '@nestjs/swagger';
import { ResponsesResponseDto } from './dto/report-response.dto';
import { ApiManagersOnly, AUTH, PERIOD } from './reports.openapi';

const bad = (message: string) => ({
  success: false,
  error: `${message} [invalid-params]`,
  errorType: 'invalid-params',
});

/** The drill-down filters' own 400s (the scale named is the default one). */
const FILTER_ERRORS = {
  'bad-day': bad('day must be a date (YYYY-MM-DD) within the period'),
  'bad-hour': bad('hour must be an integer from 0 to 23'),
  'bad-weekday': bad('weekday must be an integer from 1 (Monday) to 7 (Sunday)'),
  'unknown-item': bad(
    'item must be one of satisfaction, agentKnowledge, agentResposiveness, agentFriendliness',
  ),
  'bad-value': bad('value must be one of 1, 2, 3, 4, 5'),
  'item-without-value': bad('item and value must be given together'),
  'bad-q': bad('q must be 1 to 200 characters'),
};

const FILTERS =
  'Filters, all combined: `agentId`, `departmentId`, `satisfaction`, `hasComment`, `day` (a ' +
  'local day in `tz` within the period: it narrows [from, to), so a `groupBy=day` bar opens ' +
  'exactly its answers), `hour` (0–23) and `weekday` (1 Monday … 7 Sunday) in `tz`, by the ' +
  'instant that places an answer in its day, `item` with `value` (a distribution bar), `q` (a ' +
  'case-insensitive substring of the comment, 1–200 characters, plain text: it never becomes a ' +
  'pattern or an operator). A bad value answers 400 `invalid-params` naming the allowed ones.';

export const ApiSurveyResponses = () =>
  applyDecorators(
    ApiOperation({
      summary: 'The survey answers themselves, newest first or lowest score first',
      description: `${PERIOD}\n\n${FILTERS}\n\nRocket.Chat's list convention: \`offset\`, \`count\` (default 50, at most 100; \`offset + count\` at most 1000, survey.export.csv gives every row), \`sort\`; the answer gives \`count\` (rows returned), \`offset\` and \`total\`. Each row names its agent (\`agent.name\`, Rocket.Chat's users) and department (\`department.name\`), and links to its conversation (\`link\`: \`<ROCKETCHAT_URL>/live/<rid>\`, null when ROCKETCHAT_URL is not set).\n\n${AUTH}`,
    }),
    ApiOkResponse({ type: ResponsesResponseDto, description: 'A page of answers.' }),
    ApiManagersOnly({
      ...FILTER_ERRORS,
      'bad-sort': bad(
        'sort must be a JSON object of one field (submittedAt, closedAt, ts, satisfaction) and 1 or -1',
      ),
    }),
  );

export const ApiSurveyExport = () =>
  applyDecorators(
    ApiOperation({
      summary: 'The survey answers as CSV (RFC 4180, UTF-8), streamed',
      description: `The rows of survey.responses with the same filters, all of them, in storage order: a header row, then one row per answer (columns rid, submittedAt, ts, closedAt, agentId, agentUsername (stored on the room when served), departmentId, each configured item, comment, source, then agentCurrentUsername and agentName (the user in Rocket.Chat now) and departmentName; empty when unknown), CRLF line ends. Cells starting with =, +, -, @, tab, CR, LF, NUL or the full-width ＝ ＋ － ＠ get a leading apostrophe (formula injection). Streamed from a database cursor as the client reads it; names are looked up once per batch of 500 rows that brings new ones.\n\n${FILTERS}\n\n${PERIOD}\n\n${AUTH}`,
    }),
    ApiProduces('text/csv'),
    ApiResponse({
      status: 200,
      description: 'The CSV file.',
      headers: {
        'Content-Disposition': {
          description:
            'attachment; filename="survey-responses_<first day>_<last day>.csv": the first and last days the period includes, in tz (`to` is excluded: from=2026-03-01&to=2026-04-01 gives survey-responses_2026-03-01_2026-03-31.csv).',
          required: true,
          schema: { type: 'string' },
        },
      },
      content: {
        'text/csv': {
          schema: { type: 'string' },
          example:
            'rid,submittedAt,ts,closedAt,agentId,agentUsername,departmentId,satisfaction,agentKnowledge,agentResposiveness,agentFriendliness,comment,source,agentCurrentUsername,agentName,departmentName\r\n',
        },
      },
    }),
    ApiManagersOnly(FILTER_ERRORS),
  );

import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { DashboardResponseDto } from '../dto/dashboard-response.dto';
import { ApiManagersOnly, AUTH, COMPARE, PERIOD } from '../reports.openapi';

const WHAT =
  "The reports page's figures in one call and one pass over the rooms: `summary` and `links` " +
  '(survey.report), `byDay` and `byWeekdayHour` (its day and weekday-hour groups), all under ' +
  'every filter; `byAgent` without the agent filter and `byDepartment` without the department ' +
  'filter (a page marks the filtered row among the others); `comments`, the latest 10 ' +
  'commented answers (survey.responses?hasComment=true&count=10). Each is exactly what that ' +
  'route answers for the same parameters.';

export const ApiSurveyDashboard = () =>
  applyDecorators(
    ApiOperation({
      summary:
        "The reports page's figures in one pass: summary, by day, weekday × hour, agent, department, latest comments",
      description: `${WHAT}\n\n${PERIOD}\n\n${COMPARE}\n\n${AUTH}`,
    }),
    ApiOkResponse({ type: DashboardResponseDto, description: 'Every figure of the page.' }),
    ApiManagersOnly({
      'bad-compare': {
        success: false,
        error: 'compare must be previous [invalid-params]',
        errorType: 'invalid-params',
      },
      'unknown-parameter': {
        success: false,
        error: 'property groupBy should not exist [invalid-params]',
        errorType: 'invalid-params',
      },
    }),
  );

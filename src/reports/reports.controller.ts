import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { Controller, Get, Inject, Logger, Query, Res, UseGuards, UsePipes } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { invalidParamsPipe } from '../common/invalid-params.pipe';
import { appConfig, type AppConfig } from '../config/app.config';
import { ReportQueryDto } from './dto/report-query.dto';
import { ResponsesFiltersDto, ResponsesQueryDto } from './dto/responses-query.dto';
import { csvChunks } from './csv';
import { ManagerAuthGuard } from './manager-auth.guard';
import { ReportSlots } from './report-slots';
import { ApiSurveyReport } from './reports.openapi';
import { ApiSurveyExport, ApiSurveyResponses } from './survey-responses.openapi';
import { ReportsService } from './reports.service';
import { SurveyResponsesService, type CsvRow } from './survey-responses.service';

/** Survey reports for managers: the credentials first (guard), then the parameters (pipe). */
@ApiTags('survey reports')
@Controller('api/v1/livechat')
@UseGuards(ManagerAuthGuard)
@UsePipes(invalidParamsPipe())
export class ReportsController {
  private readonly logger = new Logger(ReportsController.name);

  constructor(
    private readonly reports: ReportsService,
    private readonly responses: SurveyResponsesService,
    private readonly slots: ReportSlots,
    @Inject(appConfig.KEY) private readonly config: AppConfig,
  ) {}

  @Get('survey.report')
  @ApiSurveyReport()
  report(@Query() query: ReportQueryDto) {
    return this.reports.report(query);
  }

  @Get('survey.responses')
  @ApiSurveyResponses()
  list(@Query() query: ResponsesQueryDto) {
    return this.responses.list(query);
  }

  /** The parameters are checked first (a 400 never waits for a report slot). */
  @Get('survey.export.csv')
  @ApiSurveyExport()
  export(@Query() query: ResponsesFiltersDto, @Res() res: Response): Promise<void> {
    return this.stream(this.responses.prepare(query), res);
  }

  /**
   * The first row is read before anything is sent, so that a database failure still answers
   * 503; after that, rows flow from the cursor at the pace the client reads them.
   */
  private async stream(
    { period, rows }: ReturnType<SurveyResponsesService['prepare']>,
    res: Response,
  ): Promise<void> {
    const iterator = rows[Symbol.asyncIterator]();
    // Admitted like every report pass (its turn, or 503 when busy), but the slot is held only
    // until the first row: the rest flows at the reader's pace, and a slow or stalled reader
    // must not keep every other report waiting (one slot on the embedded default).
    const first = await this.slots.run(() => iterator.next());
    const rest: AsyncIterable<CsvRow> = {
      async *[Symbol.asyncIterator]() {
        if (first.done) return;
        yield first.value;
        yield* { [Symbol.asyncIterator]: () => iterator };
      },
    };
    // `to` is excluded: the name gives the last day the file holds (a month ends on its 31st).
    const [fromDay, lastDay] = [period.days[0], period.days[period.days.length - 1]];
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="survey-responses_${fromDay}_${lastDay}.csv"`,
    );
    await pipeline(Readable.from(csvChunks(rest, this.config.survey.items)), res).catch(
      (error: Error) => {
        // Headers are gone: the client sees a cut-off file, the log says why.
        this.logger.warn(`CSV export stopped: ${error.name}: ${error.message}`);
      },
    );
  }
}

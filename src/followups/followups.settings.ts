import { IsOptional, IsString } from 'class-validator';
import { Feature, Setting } from '../config/setting.decorator';

/** survey.low_score's default threshold, the follow-up queue's too. */
export const DEFAULT_FOLLOWUP_MAX = '2';

@Feature({ title: 'Follow-ups', folder: 'src/followups', summary: 'See [reports](reports.md).' })
export class FollowupsSettings {
  @Setting({
    description:
      'Answers whose `satisfaction` is at or below it (numerically, else by the order of ' +
      '`SURVEY_VALUES`) form the follow-up queue (`survey.followups`, `survey.followup`); it ' +
      'must be one of [`SURVEY_VALUES`](#survey_values).',
    unset: `\`${DEFAULT_FOLLOWUP_MAX}\` (\`survey.low_score\`'s default) when a survey value, else the first of \`SURVEY_VALUES\``,
    example: DEFAULT_FOLLOWUP_MAX,
    type: 'one of `SURVEY_VALUES`',
  })
  @IsOptional()
  @IsString()
  FOLLOWUP_MAX_SATISFACTION?: string;
}

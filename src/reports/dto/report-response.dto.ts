import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';

export class ItemFiguresDto {
  @ApiProperty({ description: 'Answers to this item.' }) count!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Mean of the numeric values; null without answers or on a non-numeric scale.',
  })
  average!: number | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Answers per configured value, every value present (zeros included).',
    example: { '1': 0, '2': 1, '3': 2, '4': 5, '5': 9 },
  })
  distribution!: Record<string, number>;
}

export class SourceCountsDto {
  @ApiProperty({ description: "Answers from the widget (and Rocket.Chat's own, unmarked)." })
  widget!: number;
  @ApiProperty({ description: 'Answers from the hosted survey page (surveyFeedbackSource link).' })
  link!: number;
}

export class LinkFunnelDto {
  @ApiProperty({ description: 'Survey links made in the period (of the filtered rooms).' })
  created!: number;
  @ApiProperty({ description: 'Of those, opened (their page shown, or answered).' })
  opened!: number;
  @ApiProperty({ description: 'Of those, answered through the link.' })
  answered!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'answered / created, 0–1; null when no link was made.',
  })
  responseRate!: number | null;
}

@ApiExtraModels(ItemFiguresDto)
export class FiguresDto {
  @ApiProperty({ description: 'Rooms with at least one kept answer placed in the period.' })
  responses!: number;

  @ApiProperty({ description: 'Livechat rooms whose closedAt is in the period.' })
  roomsClosed!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'responses / roomsClosed, 0–1 (capped at 1); null when no room closed.',
  })
  responseRate!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Share of satisfaction answers in the satisfied set; null without any.',
  })
  csat!: number | null;

  @ApiProperty({
    type: [Number],
    nullable: true,
    minItems: 2,
    maxItems: 2,
    description: '95 % Wilson score interval of csat, [low, high]; null without answers.',
  })
  csatInterval!: [number, number] | null;

  @ApiProperty({ description: 'Responses with a non-blank additionalFeedback.' })
  comments!: number;

  @ApiProperty({
    type: SourceCountsDto,
    description: "Responses by where they were given: Rocket.Chat's widget, or a survey link.",
  })
  bySource!: SourceCountsDto;

  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(ItemFiguresDto) },
    description: 'Per configured item.',
  })
  items!: Record<string, ItemFiguresDto>;
}

export class DifferenceDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'current − previous; null when a side has no data.',
    example: 0.2,
  })
  value!: number | null;

  @ApiProperty({
    type: [Number],
    nullable: true,
    minItems: 2,
    maxItems: 2,
    description:
      '95 % interval of the difference, [low, high]; null when a side has no data (and, for ' +
      'an average, when a side has fewer than 2 answers or neither side varies).',
    example: [0.0917, 0.3054],
  })
  interval!: [number, number] | null;

  @ApiProperty({
    type: Boolean,
    nullable: true,
    description: 'Whether the interval excludes 0 (a real change, not noise); null without one.',
    example: true,
  })
  significant!: boolean | null;
}

@ApiExtraModels(DifferenceDto)
export class ChangeDto {
  @ApiProperty({
    type: DifferenceDto,
    description:
      "csat's difference (proportions 0–1), Newcombe's hybrid score interval (method 10, from " +
      'the two Wilson intervals).',
  })
  csat!: DifferenceDto;

  @ApiProperty({
    type: DifferenceDto,
    description:
      "responseRate's difference, Newcombe's interval over min(responses, roomsClosed) of " +
      'roomsClosed.',
  })
  responseRate!: DifferenceDto;

  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(DifferenceDto) },
    description:
      "Per configured item: the difference of the averages, Welch's 95 % interval " +
      '(Welch–Satterthwaite degrees of freedom).',
  })
  items!: Record<string, DifferenceDto>;
}

/** Figures, and with compare=previous the previous period's and the change. */
export class ComparedFiguresDto extends FiguresDto {
  @ApiPropertyOptional({
    type: FiguresDto,
    description:
      'compare=previous only: the same figures over the previous period (for a group, the ' +
      'same key; for a day, the day at the same position); zeros when there was nothing.',
  })
  previous?: FiguresDto;

  @ApiPropertyOptional({
    type: ChangeDto,
    description: 'compare=previous only: the change from the previous period to this one.',
  })
  change?: ChangeDto;
}

export class ReportGroupDto extends ComparedFiguresDto {
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'Agent id, department id, YYYY-MM-DD in tz, hour `0`…`23`, ISO weekday `1`…`7` or ' +
      '`<weekday>-<hour>`; null: rooms without an agent or department.',
  })
  key!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      "The agent's username, the department's name (else its id), or the key itself (day, " +
      'hour, weekday).',
  })
  label!: string | null;
}

export class PeriodDto {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({ example: 'UTC' }) tz!: string;
}

export class FollowupFiguresDto {
  @ApiProperty({ description: 'Answers of the queue with no follow-up, or marked open.' })
  open!: number;
  @ApiProperty({ description: 'Answers of the queue marked contacted.' }) contacted!: number;
  @ApiProperty({ description: 'Answers of the queue marked resolved.' }) resolved!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Median milliseconds from the answer to its first resolved, over those resolved; null without any.',
    example: 5_400_000,
  })
  medianResolveMs!: number | null;
}

export class SummaryFiguresDto extends ComparedFiguresDto {
  @ApiProperty({
    type: FollowupFiguresDto,
    description:
      'The follow-up queue (survey.followups): the answers of the period whose satisfaction is at ' +
      'or below FOLLOWUP_MAX_SATISFACTION, by follow-up status (the current period only).',
  })
  followups!: FollowupFiguresDto;
}

export class PreviousPeriodDto {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time', description: 'The report period’s from.' }) to!: string;
}

export class ReportResponseDto {
  @ApiProperty({ type: PeriodDto }) period!: PeriodDto;
  @ApiPropertyOptional({
    type: PreviousPeriodDto,
    description: 'compare=previous only: the previous period, [from, to).',
  })
  previous?: PreviousPeriodDto;
  @ApiProperty({ type: SummaryFiguresDto }) summary!: SummaryFiguresDto;
  @ApiProperty({ type: LinkFunnelDto, description: 'The survey links made in the period.' })
  links!: LinkFunnelDto;
  @ApiProperty({ type: [ReportGroupDto], description: 'Empty without groupBy.' })
  groups!: ReportGroupDto[];
  @ApiProperty({ type: Boolean, enum: [true] }) success!: true;
}

export class ResponseAgentDto {
  @ApiProperty() _id!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The username stored on the room when it was served.',
  })
  username!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The user's display name in Rocket.Chat (users.name); null when unknown.",
    example: 'Agent Smith',
  })
  name!: string | null;
}

export class ResponseDepartmentDto {
  @ApiProperty() _id!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The department's name in Rocket.Chat; null when it is not found.",
    example: 'Sales',
  })
  name!: string | null;
}

@ApiExtraModels(ResponseAgentDto, ResponseDepartmentDto)
export class ResponseRowDto {
  @ApiProperty({ description: 'The room id.' }) rid!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) ts!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) closedAt!: string | null;

  @ApiProperty({
    format: 'date-time',
    description: 'When the answers count: surveyFeedbackAt, else closedAt, else ts.',
  })
  submittedAt!: string;

  @ApiProperty({ oneOf: [{ $ref: getSchemaPath(ResponseAgentDto) }, { type: 'null' }] })
  agent!: ResponseAgentDto | null;
  @ApiProperty({ type: String, nullable: true }) departmentId!: string | null;

  @ApiProperty({ oneOf: [{ $ref: getSchemaPath(ResponseDepartmentDto) }, { type: 'null' }] })
  department!: ResponseDepartmentDto | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { satisfaction: '5', agentKnowledge: '4' },
  })
  items!: Record<string, string>;

  @ApiProperty({ type: String, nullable: true, description: 'additionalFeedback.' })
  comment!: string | null;

  @ApiProperty({
    enum: ['widget', 'link'],
    description: "Where the answers were given: the widget (and Rocket.Chat's own), or a link.",
  })
  source!: 'widget' | 'link';

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'The conversation in Rocket.Chat, `<ROCKETCHAT_URL>/live/<rid>`; null when ROCKETCHAT_URL is not set.',
    example: 'https://chat.example.com/live/room1',
  })
  link!: string | null;
}

export class ResponsesResponseDto {
  @ApiProperty({ type: [ResponseRowDto] }) responses!: ResponseRowDto[];
  @ApiProperty({ description: 'Rows returned.' }) count!: number;
  @ApiProperty() offset!: number;
  @ApiProperty({ description: 'Rows matching the filters.' }) total!: number;
  @ApiProperty({ type: Boolean, enum: [true] }) success!: true;
}

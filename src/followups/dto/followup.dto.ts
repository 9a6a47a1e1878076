import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { FOLLOWUP_STATUSES, type FollowupStatus } from '../followup.schema';

export const MAX_NOTE_LENGTH = 2000;
const STATUS_MESSAGE = `status must be one of ${FOLLOWUP_STATUSES.join(', ')}`;
const RID_MESSAGE = 'rid must be a non-empty string of at most 200 characters';
const NOTE_MESSAGE = `note must be a string of at most ${MAX_NOTE_LENGTH} characters`;

export class UpdateFollowupDto {
  @ApiProperty({
    description: 'A room whose kept answer is in the follow-up queue.',
    example: 'gMMeBpWyLeowCrzBv',
    maxLength: 200,
  })
  @IsString({ message: RID_MESSAGE })
  @IsNotEmpty({ message: RID_MESSAGE })
  @MaxLength(200, { message: RID_MESSAGE })
  rid!: string;

  @ApiProperty({ enum: FOLLOWUP_STATUSES, example: 'contacted' })
  @IsIn(FOLLOWUP_STATUSES, { message: STATUS_MESSAGE })
  status!: FollowupStatus;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: MAX_NOTE_LENGTH,
    description: 'Omitted or null: the stored note stays; `""` clears it.',
    example: 'Called back, refund offered',
  })
  @IsOptional()
  @IsString({ message: NOTE_MESSAGE })
  @MaxLength(MAX_NOTE_LENGTH, { message: NOTE_MESSAGE })
  note?: string | null;
}

import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class CreateSurveyLinkDto {
  @ApiProperty({
    description:
      'A livechat room (`t: "l"`) whose visitor is not erased and whose survey is unanswered.',
    example: 'gMMeBpWyLeowCrzBv',
    maxLength: 100,
  })
  @IsString({ message: 'rid must be a room id' })
  @IsNotEmpty({ message: 'rid must be a room id' })
  @MaxLength(100, { message: 'rid must be a room id' })
  rid!: string;
}

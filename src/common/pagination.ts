import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Rocket.Chat's list convention caps a page at 100 rows. */
export const MAX_COUNT = 100;

/** `offset` of Rocket.Chat's list convention: rows to skip (0 by default). */
export const PageOffset = (description: string) =>
  applyDecorators(
    ApiPropertyOptional({ description, default: 0, minimum: 0 }),
    IsOptional(),
    Type(() => Number),
    IsInt({ message: 'offset must be an integer of 0 or more' }),
    Min(0, { message: 'offset must be an integer of 0 or more' }),
  );

/** `count` of Rocket.Chat's list convention: rows to return, 1 to MAX_COUNT (50 by default). */
export const PageCount = (description: string) => {
  const message = `count must be an integer from 1 to ${MAX_COUNT}`;
  return applyDecorators(
    ApiPropertyOptional({ description, default: 50, minimum: 1, maximum: MAX_COUNT }),
    IsOptional(),
    Type(() => Number),
    IsInt({ message }),
    Min(1, { message }),
    Max(MAX_COUNT, { message }),
  );
};

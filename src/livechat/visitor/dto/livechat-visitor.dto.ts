import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class VisitorEmailDto {
  @ApiProperty() address!: string;
}

export class VisitorPhoneDto {
  @ApiProperty() phoneNumber!: string;
}

/**
 * A visitor as stored in Rocket.Chat's `rocketchat_livechat_visitor`: the fields this service
 * knows, and whatever else Rocket.Chat keeps there.
 */
export class LivechatVisitorDto {
  @ApiProperty() _id!: string;
  @ApiPropertyOptional({ description: 'The credential; returned to its owner only.' })
  token?: string;
  @ApiPropertyOptional({ example: 'guest-2' }) username?: string;
  @ApiPropertyOptional() name?: string;
  @ApiPropertyOptional() status?: string;
  @ApiPropertyOptional() department?: string;
  @ApiPropertyOptional({ type: [VisitorEmailDto] }) visitorEmails?: VisitorEmailDto[];
  @ApiPropertyOptional({ type: [VisitorPhoneDto] }) phone?: VisitorPhoneDto[];
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  livechatData?: Record<string, string>;
  @ApiPropertyOptional({ format: 'date-time' }) ts?: string;
  @ApiPropertyOptional({ format: 'date-time' }) _updatedAt?: string;
}

export class VisitorResponseDto {
  @ApiProperty({ type: LivechatVisitorDto })
  visitor!: LivechatVisitorDto;

  @ApiProperty({ type: Boolean, enum: [true] })
  success!: true;
}

export class ErasedVisitorDto {
  @ApiProperty() _id!: string;

  @ApiProperty({ format: 'date-time', description: 'When the erasure happened.' })
  ts!: string;
}

export class ErasedVisitorResponseDto {
  @ApiProperty({ type: ErasedVisitorDto })
  visitor!: ErasedVisitorDto;

  @ApiProperty({ type: Boolean, enum: [true] })
  success!: true;
}

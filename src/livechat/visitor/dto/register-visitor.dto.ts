import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Match, type Pattern } from '../../../common/meteor-check';

/** Rocket.Chat's `check` pattern for the POST livechat/visitor body. */
export const REGISTER_VISITOR_PATTERN: Pattern = {
  visitor: Match.ObjectIncluding({
    token: String,
    name: Match.Maybe(String),
    email: Match.Maybe(String),
    department: Match.Maybe(String),
    phone: Match.Maybe(String),
    username: Match.Maybe(String),
    customFields: Match.Maybe([
      Match.ObjectIncluding({ key: String, value: String, overwrite: Boolean }),
    ]),
  }),
};

export class CustomFieldDto {
  @ApiProperty({ description: 'Stored under livechatData.<key>; letters, digits, _ and - only.' })
  key!: string;

  @ApiProperty()
  value!: string;

  @ApiProperty({ description: 'false keeps a value already set.' })
  overwrite!: boolean;
}

export class VisitorInputDto {
  @ApiProperty({
    description: "The visitor's token, chosen by the client: the credential of every other route.",
    example: '5f1c0e7d2a9b4c3e8d6f1a2b3c4d5e6f',
  })
  token!: string;

  @ApiPropertyOptional({ example: 'Jane' })
  name?: string;

  @ApiPropertyOptional({
    description: 'Stored trimmed and lower-cased.',
    example: 'jane@example.com',
  })
  email?: string;

  @ApiPropertyOptional({
    description:
      "A Rocket.Chat department's `_id` or name; stored as its `_id`. Unknown: 400 " +
      '`error-invalid-department`.',
  })
  department?: string;

  @ApiPropertyOptional()
  phone?: string;

  @ApiPropertyOptional({
    description: 'Used for a new visitor only; without one a new visitor is named guest-N.',
  })
  username?: string;

  @ApiPropertyOptional({ type: [CustomFieldDto] })
  customFields?: CustomFieldDto[];
}

export class RegisterVisitorDto {
  @ApiProperty({ type: VisitorInputDto })
  visitor!: VisitorInputDto;
}

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
  key!: string;
  value!: string;
  /** false keeps a value already set. */
  overwrite!: boolean;
}

export class VisitorInputDto {
  /** The visitor's token, chosen by the client; the credential of every other route. */
  token!: string;
  name?: string;
  email?: string;
  department?: string;
  phone?: string;
  /** Used for a new visitor only; without one a new visitor is named guest-N. */
  username?: string;
  customFields?: CustomFieldDto[];
}

export class RegisterVisitorDto {
  visitor!: VisitorInputDto;
}

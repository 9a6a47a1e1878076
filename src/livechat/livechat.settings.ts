import { Transform } from 'class-transformer';
import { ArrayNotEmpty, ArrayUnique, Matches } from 'class-validator';
import { Feature, Setting } from '../config/setting.decorator';
import { BooleanVariable, IntegerVariable, splitList } from '../config/variables';

export const DEFAULT_SURVEY_ITEMS = [
  'satisfaction',
  'agentKnowledge',
  // Sic: Rocket.Chat's spelling, part of the wire contract that widgets send.
  'agentResposiveness',
  'agentFriendliness',
];
export const DEFAULT_SURVEY_VALUES = ['1', '2', '3', '4', '5'];

@Feature({
  title: 'Livechat API',
  folder: 'src/livechat',
  summary: 'The survey form, and the bounds on what visitors send ([API](api.md)).',
})
export class LivechatSettings {
  @Setting({
    description:
      'Item names a visitor may answer: letters, digits, `_` or `-`, a leading letter. ' +
      "`agentResposiveness` is Rocket.Chat's spelling, part of the wire contract; " +
      '`additionalFeedback` (free text) is always accepted.',
  })
  @Transform(splitList)
  @ArrayNotEmpty({ message: 'SURVEY_ITEMS must list at least one item name' })
  @ArrayUnique({ message: 'SURVEY_ITEMS must not repeat a name' })
  // A leading letter keeps names such as __proto__ or $set out of stored keys.
  @Matches(/^[A-Za-z][A-Za-z0-9_-]*$/, {
    each: true,
    message: 'SURVEY_ITEMS must be a comma-separated list of names (letters, digits, _ or -)',
  })
  SURVEY_ITEMS: string[] = DEFAULT_SURVEY_ITEMS;

  @Setting({ description: 'The values allowed for those items.' })
  @Transform(splitList)
  @ArrayNotEmpty({ message: 'SURVEY_VALUES must list at least one value' })
  @ArrayUnique({ message: 'SURVEY_VALUES must not repeat a value' })
  @Matches(/^\S+$/, {
    each: true,
    message: 'SURVEY_VALUES must be a comma-separated list of non-empty values',
  })
  SURVEY_VALUES: string[] = DEFAULT_SURVEY_VALUES;

  @Setting({
    description:
      'Most `data` items in one `room.survey`; beyond, `must NOT have more than 100 items ' +
      '[invalid-params]` (with this number).',
  })
  @IntegerVariable(1)
  SURVEY_MAX_ITEMS: number = 100;

  @Setting({
    description:
      'Longest string param, beyond which the answer is `must NOT have more than 10000 ' +
      'characters [invalid-params]` (with this number); also the longest custom field value ' +
      'of `POST visitor` (400 `error-invalid-custom-field`).',
  })
  @IntegerVariable(1)
  MAX_STRING_LENGTH: number = 10000;

  @Setting({
    description:
      'Erasing a visitor with an open room closes that room first, instead of refusing ' +
      '(as Rocket.Chat does by default).',
  })
  @BooleanVariable()
  VISITOR_ERASE_CLOSES_OPEN_ROOMS: boolean = false;

  @Setting({
    description:
      'Most custom fields (`livechatData` keys) one visitor keeps; a registration that would ' +
      'add more is answered 400 `error-too-many-custom-fields`. Rocket.Chat stores only the ' +
      'few an administrator defined; without a cap, registrations grow a visitor toward ' +
      "MongoDB's 16 MB document limit.",
  })
  @IntegerVariable(1)
  VISITOR_MAX_CUSTOM_FIELDS: number = 50;

  @Setting({
    description:
      'Longest custom field key (400 `error-invalid-custom-field`); values are bounded by ' +
      '[`MAX_STRING_LENGTH`](#max_string_length).',
  })
  @IntegerVariable(1)
  VISITOR_CUSTOM_FIELD_KEY_MAX_LENGTH: number = 100;
}

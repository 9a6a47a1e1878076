import {
  IsOptional,
  Validate,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { Feature, Setting } from '../config/setting.decorator';
import { HttpUrl, IntegerVariable } from '../config/variables';

/** SURVEY_ITEM_LABELS parsed, or null when it is not an object of objects of strings. */
export function parseItemLabels(text: unknown): Record<string, Record<string, string>> | null {
  if (typeof text !== 'string') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!isObject(parsed)) return null;
  const ok = Object.values(parsed).every(
    (labels) => isObject(labels) && Object.values(labels).every((l) => typeof l === 'string'),
  );
  return ok ? (parsed as Record<string, Record<string, string>>) : null;
}

/** SURVEY_ITEM_LABELS: a JSON object of items, each an object of language → label (text). */
@ValidatorConstraint({ name: 'itemLabelsJson' })
class ItemLabelsJson implements ValidatorConstraintInterface {
  validate(text: unknown): boolean {
    return parseItemLabels(text) !== null;
  }

  defaultMessage(): string {
    return 'SURVEY_ITEM_LABELS must be JSON such as {"effort":{"en":"How easy was it?","de":"Wie einfach war es?"}}';
  }
}

@Feature({
  title: 'Survey links',
  folder: 'src/survey-links',
  summary: 'See [survey links](survey-links.md).',
})
export class SurveyLinksSettings {
  @Setting({
    description:
      'The public origin (and path prefix, if any) that survey links start with, e.g. ' +
      "`https://survey.example.com`. Never taken from a request's Host header: a forged header " +
      "would make the service hand out links to someone else's site.",
    unset: '`POST survey.link` answers 503 `error-public-url-not-set`',
    type: 'http(s) URL, no query or fragment',
  })
  @IsOptional()
  @HttpUrl('PUBLIC_URL', 'https://survey.example.com')
  PUBLIC_URL?: string;

  @Setting({
    description:
      "How long a survey link stays open, in days (Chatwoot's CSAT links: 14); then its page " +
      'answers 410 and `survey.link` makes a new one.',
  })
  @IntegerVariable(1, 365)
  SURVEY_LINK_TTL_DAYS: number = 14;

  @Setting({
    description:
      "The hosted page's questions for custom [`SURVEY_ITEMS`](#survey_items), per language. " +
      "Rocket.Chat's own items have them in `en`, `pt-BR`, `es`, `de` and `fr` already.",
    type: 'JSON: item → language → text',
    unset: 'custom items are shown by their names, humanised',
    example: '{"effort":{"en":"How easy was it?","de":"Wie einfach war es?"}}',
  })
  @IsOptional()
  @Validate(ItemLabelsJson)
  SURVEY_ITEM_LABELS?: string;
}

import { FREE_TEXT_ITEM, type SurveyItem } from '../../livechat/survey/survey-rules';

export type FormErrorKey = 'errorEmpty' | 'errorValue' | 'errorRepeated' | 'errorTooLong';

/** What the visitor sent back, and what is wrong with it, field by field. */
export interface JudgedForm {
  /** The answers to store, in room.survey's shape; empty when there are errors. */
  data: SurveyItem[];
  /** What to show again in the form (only well-formed choices, and the comment). */
  chosen: Record<string, string>;
  comment: string;
  /** By field name (an item, or FREE_TEXT_ITEM); `form` when nothing was answered at all. */
  errors: Record<string, FormErrorKey>;
}

/** Characters as room.survey's limit counts them (code points). */
const length = (text: string) => [...text].length;

/**
 * The page's form judged by room.survey's rules, but field by field so the page can say what is
 * wrong where: a configured item takes one of SURVEY_VALUES (empty: not answered), the comment
 * at most `maxLength` characters, a field given twice is refused, and something must be answered.
 * Fields the page never shows are dropped, as room.survey drops unknown items.
 */
export function judgeForm(
  body: unknown,
  survey: { items: readonly string[]; values: readonly string[] },
  maxLength: number,
): JudgedForm {
  const form = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const field = (name: string) => (Object.hasOwn(form, name) ? form[name] : undefined);
  const judged: JudgedForm = { data: [], chosen: {}, comment: '', errors: {} };
  for (const name of survey.items) {
    const value = field(name);
    if (value === undefined || value === '') continue;
    if (typeof value !== 'string') judged.errors[name] = 'errorRepeated';
    else if (!survey.values.includes(value)) judged.errors[name] = 'errorValue';
    else {
      judged.chosen[name] = value;
      judged.data.push({ name, value });
    }
  }
  const comment = field(FREE_TEXT_ITEM);
  if (comment !== undefined && typeof comment !== 'string') {
    judged.errors[FREE_TEXT_ITEM] = 'errorRepeated';
  } else if (comment !== undefined && comment.trim() !== '') {
    judged.comment = comment;
    if (length(comment) > maxLength) judged.errors[FREE_TEXT_ITEM] = 'errorTooLong';
    else judged.data.push({ name: FREE_TEXT_ITEM, value: comment });
  }
  if (Object.keys(judged.errors).length > 0) judged.data = [];
  else if (judged.data.length === 0) judged.errors.form = 'errorEmpty';
  return judged;
}

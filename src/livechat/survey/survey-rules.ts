import { DEFAULT_SURVEY_ITEMS } from '../livechat.settings';

/** The one free-text item: kept whatever its value, as Rocket.Chat does. */
export const FREE_TEXT_ITEM = 'additionalFeedback';

export interface SurveyItem {
  name: string;
  value: string;
}

/**
 * Rocket.Chat's survey filter (livechat/room.survey): an item is kept when its name is a
 * configured item and its value an allowed value, or when it is the free-text item. Everything
 * else is dropped silently; a repeated name keeps its last value.
 */
export class SurveyRules {
  private readonly items: ReadonlySet<string>;
  private readonly values: ReadonlySet<string>;

  /**
   * Every name a stored answer can have: the configured items, Rocket.Chat's own (which it may
   * have stored beside this service) and the free-text item.
   */
  readonly answerNames: readonly string[];

  constructor(config: { items: readonly string[]; values: readonly string[] }) {
    this.items = new Set(config.items);
    this.values = new Set(config.values);
    this.answerNames = [...new Set([...config.items, ...DEFAULT_SURVEY_ITEMS, FREE_TEXT_ITEM])];
  }

  /** The kept answers as `{name: value}`, or null when nothing is kept. */
  keep(data: readonly SurveyItem[]): Record<string, string> | null {
    // Only configured names (validated at start-up to begin with a letter) or FREE_TEXT_ITEM
    // become keys, so a name such as __proto__ is never assigned.
    const kept: Record<string, string> = {};
    let count = 0;
    for (const { name, value } of data) {
      if (name === FREE_TEXT_ITEM || (this.items.has(name) && this.values.has(value))) {
        kept[name] = value;
        count++;
      }
    }
    return count > 0 ? kept : null;
  }
}

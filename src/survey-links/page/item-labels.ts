import { DEFAULT_SURVEY_ITEMS } from '../../livechat/livechat.settings';
import type { Messages } from './messages/en';

type ItemLabels = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** `agentKnowledge`, `effort_score` → `Agent knowledge`, `Effort score`. */
export function humanise(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * An item's question in `language`: SURVEY_ITEM_LABELS for it (that language, then its
 * primary subtag's), Rocket.Chat's items from the catalogue, then the configured English label,
 * then the name humanised.
 */
export function itemLabel(
  name: string,
  language: string,
  messages: Messages,
  configured: ItemLabels,
): string {
  const labels = Object.hasOwn(configured, name) ? configured[name] : {};
  const primary = language.split('-')[0];
  const own = labels[language] ?? labels[primary];
  if (own) return own;
  if (DEFAULT_SURVEY_ITEMS.includes(name)) return messages[name as keyof Messages];
  return labels.en ?? humanise(name);
}

import { de } from './messages/de';
import { en, type Messages } from './messages/en';
import { es } from './messages/es';
import { fr } from './messages/fr';
import { ptBR } from './messages/pt-BR';

/** The page's languages (BCP 47 tags), English first: the fallback. */
export const CATALOGUES: Readonly<Record<string, Messages>> = {
  en,
  'pt-BR': ptBR,
  es,
  de,
  fr,
};
export const LANGUAGES = Object.keys(CATALOGUES);

/** A supported tag for `wanted` (exact, else by its primary subtag: pt-PT → pt-BR), or null. */
function supported(wanted: string): string | null {
  const lower = wanted.toLowerCase();
  const exact = LANGUAGES.find((tag) => tag.toLowerCase() === lower);
  if (exact) return exact;
  const primary = lower.split('-')[0];
  return LANGUAGES.find((tag) => tag.toLowerCase().split('-')[0] === primary) ?? null;
}

/**
 * The page's language: `?lang=` (the page's own switcher) when supported, else the best of
 * Accept-Language by its q-values, else English.
 */
export function negotiateLanguage(acceptLanguage: string | undefined, chosen?: unknown): string {
  if (typeof chosen === 'string') {
    const tag = supported(chosen);
    if (tag) return tag;
  }
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .slice(0, 20)
    .map((part, index) => {
      const [range, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { range: range.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter(({ range, q }) => range && range !== '*' && q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { range } of ranked) {
    const tag = supported(range);
    if (tag) return tag;
  }
  return 'en';
}

/** A catalogue message with its `{name}` placeholders filled. */
export function say(
  messages: Messages,
  key: keyof Messages,
  values: Record<string, string | number> = {},
): string {
  return messages[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}

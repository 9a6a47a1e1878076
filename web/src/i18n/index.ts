/**
 * The reader's language: remembered choice, else the browser's first supported one
 * (navigator.languages), else English. `t()` is the active catalogue; `<html lang>` follows.
 */
import { de } from './de';
import { en, type Messages } from './en';
import { es } from './es';
import { fr } from './fr';
import { ptBR } from './pt-BR';

export const LOCALES = ['en', 'pt-BR', 'es', 'de', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];
export type { Messages };

const CATALOGUES: Record<Locale, Messages> = { en, 'pt-BR': ptBR, es, de, fr };
const KEY = 'livechat-survey.reports.language';
let active: Locale = 'en';

const isLocale = (value: string | null): value is Locale => LOCALES.includes(value as Locale);

/** The first wanted tag supported exactly, else by its language (pt-PT → pt-BR, de-AT → de). */
export function negotiate(wanted: readonly string[]): Locale {
  for (const tag of wanted) {
    const exact = LOCALES.find((l) => l.toLowerCase() === tag.toLowerCase());
    if (exact) return exact;
    const language = tag.split('-')[0].toLowerCase();
    const near = LOCALES.find((l) => l.split('-')[0] === language);
    if (near) return near;
  }
  return 'en';
}

function saved(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function initialLocale(): Locale {
  const remembered = saved();
  return isLocale(remembered) ? remembered : negotiate(navigator.languages ?? []);
}

/** Makes `locale` the page's language; `remember` when the reader chose it. */
export function activate(locale: Locale, remember = false): void {
  active = locale;
  document.documentElement.lang = locale;
  if (!remember) return;
  try {
    localStorage.setItem(KEY, locale);
  } catch {
    // Storage refused (private mode): the choice lasts until the page closes.
  }
}

export const locale = (): Locale => active;
export const t = (): Messages => CATALOGUES[active];
export const languageName = (l: Locale) => CATALOGUES[l].languageName;

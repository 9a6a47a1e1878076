/** Plural forms chosen by Intl.PluralRules; `#` in a form is the count, formatted for the locale. */
export type Forms = { one?: string; few?: string; many?: string; other: string };

export function plural(locale: string) {
  const rules = new Intl.PluralRules(locale);
  const number = new Intl.NumberFormat(locale);
  return (count: number, forms: Forms): string =>
    (forms[rules.select(count) as keyof Forms] ?? forms.other).replace('#', number.format(count));
}

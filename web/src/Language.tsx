import { languageName, LOCALES, t, type Locale } from './i18n';

interface Props {
  value: Locale;
  onChange: (locale: Locale) => void;
}

/** The page's language, each named in itself. */
export function Language({ value, onChange }: Props) {
  return (
    <div class="language">
      <label for="language">{t().language}</label>
      <select
        id="language"
        value={value}
        onChange={(e) => onChange(e.currentTarget.value as Locale)}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {languageName(l)}
          </option>
        ))}
      </select>
    </div>
  );
}

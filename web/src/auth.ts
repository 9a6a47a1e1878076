/** Credentials live in sessionStorage only: gone when the tab closes, never in the URL. */
export type Credentials =
  { kind: 'user'; userId: string; token: string } | { kind: 'key'; apiKey: string };

const KEY = 'livechat-survey.reports.credentials';

export function loadCredentials(): Credentials | null {
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Credentials | null;
    return saved && (saved.kind === 'user' || saved.kind === 'key') ? saved : null;
  } catch {
    return null;
  }
}

export function saveCredentials(credentials: Credentials): void {
  sessionStorage.setItem(KEY, JSON.stringify(credentials));
}

export function clearCredentials(): void {
  sessionStorage.removeItem(KEY);
}

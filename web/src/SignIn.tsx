import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { Credentials } from './auth';
import { t } from './i18n';

interface Props {
  onSignIn: (credentials: Credentials) => void;
  /** Why the last attempt or session ended (a 401 or 403), shown above the form. */
  message: string;
  /** While the credentials are being checked: the button waits. */
  checking: boolean;
  /** The language menu. */
  language: ComponentChildren;
}

/** A manager's user id and token, or an API key; the form stays, filled, until they hold. */
export function SignIn({ onSignIn, message, checking, language }: Props) {
  const [userId, setUserId] = useState('');
  const [token, setToken] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [problem, setProblem] = useState('');
  const words = t().signIn;

  const submit = (event: Event) => {
    event.preventDefault();
    setProblem('');
    if (apiKey.trim()) return onSignIn({ kind: 'key', apiKey: apiKey.trim() });
    if (userId.trim() && token.trim())
      return onSignIn({ kind: 'user', userId: userId.trim(), token: token.trim() });
    setProblem(words.missing);
  };
  const shown = problem || message;

  return (
    <main class="sign-in">
      <h1>{t().title}</h1>
      {language}
      <p>{words.hint}</p>
      <p class="hint">{words.where}</p>
      {shown && (
        <p class="alert" role="alert">
          {shown}
        </p>
      )}
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>{words.user}</legend>
          <label for="user-id">{words.userId}</label>
          <input
            id="user-id"
            autocomplete="username"
            value={userId}
            onInput={(e) => setUserId(e.currentTarget.value)}
          />
          <label for="token">{words.token}</label>
          <input
            id="token"
            type="password"
            autocomplete="current-password"
            value={token}
            onInput={(e) => setToken(e.currentTarget.value)}
          />
          <p class="hint">{words.tokenHint}</p>
        </fieldset>
        <p class="or">{words.or}</p>
        <fieldset>
          <legend>{words.apiKey}</legend>
          <label for="api-key">{words.apiKey}</label>
          <input
            id="api-key"
            type="password"
            autocomplete="off"
            value={apiKey}
            onInput={(e) => setApiKey(e.currentTarget.value)}
          />
        </fieldset>
        <button type="submit" disabled={checking}>
          {checking ? words.checking : words.submit}
        </button>
      </form>
    </main>
  );
}

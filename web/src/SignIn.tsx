import { useState } from 'preact/hooks';
import type { Credentials } from './auth';
import { messages } from './messages';

interface Props {
  onSignIn: (credentials: Credentials) => void;
  /** Why the last attempt or session ended (a 401 or 403), shown above the form. */
  message: string;
  /** While the credentials are being checked: the button waits. */
  checking: boolean;
}

/** A manager's user id and token, or an API key; the form stays, filled, until they hold. */
export function SignIn({ onSignIn, message, checking }: Props) {
  const [userId, setUserId] = useState('');
  const [token, setToken] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [problem, setProblem] = useState('');

  const submit = (event: Event) => {
    event.preventDefault();
    setProblem('');
    if (apiKey.trim()) return onSignIn({ kind: 'key', apiKey: apiKey.trim() });
    if (userId.trim() && token.trim())
      return onSignIn({ kind: 'user', userId: userId.trim(), token: token.trim() });
    setProblem(messages.missingCredentials);
  };
  const shown = problem || message;

  return (
    <main class="sign-in">
      <h1>Survey reports</h1>
      <p>{messages.signInHint}</p>
      {shown && (
        <p class="alert" role="alert">
          {shown}
        </p>
      )}
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>Rocket.Chat user</legend>
          <label for="user-id">User ID</label>
          <input
            id="user-id"
            autocomplete="username"
            value={userId}
            onInput={(e) => setUserId(e.currentTarget.value)}
          />
          <label for="token">Token</label>
          <input
            id="token"
            type="password"
            autocomplete="current-password"
            value={token}
            onInput={(e) => setToken(e.currentTarget.value)}
          />
          <p class="hint">A login token or a personal access token.</p>
        </fieldset>
        <p class="or">or</p>
        <fieldset>
          <legend>API key</legend>
          <label for="api-key">API key</label>
          <input
            id="api-key"
            type="password"
            autocomplete="off"
            value={apiKey}
            onInput={(e) => setApiKey(e.currentTarget.value)}
          />
        </fieldset>
        <button type="submit" disabled={checking}>
          {checking ? messages.signingIn : messages.signIn}
        </button>
      </form>
    </main>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { checkCredentials } from './api';
import { clearCredentials, loadCredentials, saveCredentials, type Credentials } from './auth';
import { Dashboard } from './Dashboard';
import { SignIn } from './SignIn';

/**
 * Signed out: the form, until one call has checked the credentials (one sign-in, one attempt).
 * Signed in: the dashboard, until a 401/403 or `Sign out`.
 */
export function App() {
  const [credentials, setCredentials] = useState<Credentials | null>(loadCredentials);
  const [message, setMessage] = useState('');
  const [checking, setChecking] = useState(false);

  useEffect(() => {
    document.title = credentials
      ? 'Survey reports · livechat-survey'
      : 'Sign in · Survey reports · livechat-survey';
  }, [credentials]);

  const signIn = async (next: Credentials) => {
    setChecking(true);
    try {
      await checkCredentials(next);
      saveCredentials(next);
      setMessage('');
      setCredentials(next);
    } catch (error) {
      setMessage(error instanceof Error ? error.message : String(error));
    } finally {
      setChecking(false);
    }
  };
  const signOut = (why = '') => {
    clearCredentials();
    setMessage(why);
    setCredentials(null);
  };

  return credentials ? (
    <Dashboard credentials={credentials} onSignOut={signOut} />
  ) : (
    <SignIn onSignIn={(next) => void signIn(next)} message={message} checking={checking} />
  );
}

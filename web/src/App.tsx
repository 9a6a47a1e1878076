import { useEffect, useState } from 'preact/hooks';
import { clearCredentials, loadCredentials, saveCredentials, type Credentials } from './auth';
import { Dashboard } from './Dashboard';
import { SignIn } from './SignIn';

/** Signed out: the form. Signed in: the dashboard, until a 401/403 or `Sign out`. */
export function App() {
  const [credentials, setCredentials] = useState<Credentials | null>(loadCredentials);
  const [message, setMessage] = useState('');

  useEffect(() => {
    document.title = credentials
      ? 'Survey reports · livechat-survey'
      : 'Sign in · Survey reports · livechat-survey';
  }, [credentials]);

  const signIn = (next: Credentials) => {
    saveCredentials(next);
    setMessage('');
    setCredentials(next);
  };
  const signOut = (why = '') => {
    clearCredentials();
    setMessage(why);
    setCredentials(null);
  };

  return credentials ? (
    <Dashboard credentials={credentials} onSignOut={signOut} />
  ) : (
    <SignIn onSignIn={signIn} message={message} />
  );
}

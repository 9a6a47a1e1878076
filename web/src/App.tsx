import { useEffect, useState } from 'preact/hooks';
import { checkCredentials } from './api';
import { clearCredentials, loadCredentials, saveCredentials, type Credentials } from './auth';
import { Dashboard } from './Dashboard';
import { activate, initialLocale, t, type Locale } from './i18n';
import { Language } from './Language';
import { SignIn } from './SignIn';

/**
 * Signed out: the form, until one call has checked the credentials (one sign-in, one attempt).
 * Signed in: the dashboard, until a 401/403 or `Sign out`. A new language re-renders the page
 * from here (no component caches words).
 */
export function App() {
  const [credentials, setCredentials] = useState<Credentials | null>(loadCredentials);
  const [message, setMessage] = useState('');
  const [checking, setChecking] = useState(false);
  const [locale, setLocale] = useState<Locale>(() => {
    const first = initialLocale();
    activate(first);
    return first;
  });

  useEffect(() => {
    document.title = credentials ? t().documentTitle : t().signInDocumentTitle;
  }, [credentials, locale]);

  const chooseLocale = (next: Locale) => {
    activate(next, true);
    setLocale(next);
  };
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
  const language = <Language value={locale} onChange={chooseLocale} />;

  return credentials ? (
    <Dashboard credentials={credentials} onSignOut={signOut} language={language} />
  ) : (
    <SignIn
      onSignIn={(next) => void signIn(next)}
      message={message}
      checking={checking}
      language={language}
    />
  );
}

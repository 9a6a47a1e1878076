/**
 * The page's words, keyed by meaning (English, the page's one language so far); counts through
 * Intl.
 */
const plural = new Intl.PluralRules('en');
const number = new Intl.NumberFormat('en');
const count = (n: number, one: string, other: string) =>
  `${number.format(n)} ${plural.select(n) === 'one' ? one : other}`;

export const messages = {
  signInHint: 'Sign in as a Rocket.Chat livechat manager or admin, or with a reports API key.',
  missingCredentials: 'Enter a user ID and a token, or an API key.',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  rejected:
    'Sign-in failed (401): the user ID and token, or the API key, were not accepted. Check them and sign in again.',
  /** After a 401: what the address has left of its failed sign-ins (X-RateLimit-Remaining). */
  attemptsLeft: (left: number, waitSeconds: number) =>
    left > 0
      ? `${count(left, 'attempt', 'attempts')} left before sign-in from this address is paused.`
      : `No attempts left: sign-in from this address is paused for ${count(waitSeconds, 'second', 'seconds')}.`,
  forbidden:
    'Access denied (403): this user is neither a livechat manager nor an admin. Sign in as a manager.',
  tooManyRequests: (waitSeconds: number) =>
    `Too many requests: wait ${count(waitSeconds, 'second', 'seconds')}, then retry.`,
  unreachable: 'The service could not be reached. Check the connection and retry.',
  serviceAnswered: (status: number, error: string) => `The service answered ${status}: ${error}`,
  sources: {
    title: 'Where answers come from',
    note: "Survey links are sent on any channel (room.closed webhooks, survey.link); the widget is Rocket.Chat's own.",
    empty: 'No survey responses and no survey links in this period.',
    widget: 'Widget answers',
    link: 'Link answers',
    ofResponses: (share: string) => `${share} of responses`,
    created: 'Links sent',
    opened: 'Links opened',
    answered: 'Links answered',
    ofCreated: (share: string) => `${share} of links sent`,
    linkResponseRate: 'Link response rate',
  },
};

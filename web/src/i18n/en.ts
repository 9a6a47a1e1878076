/**
 * The page's words in English, keyed by meaning: the shape every other language must match
 * (`Messages`), so a missing key fails the type check. Numbers and percentages arrive formatted
 * (Intl, in the reader's locale); counts choose their plural form through Intl.PluralRules.
 */
import { plural } from './plural';

const n = plural('en');

export const en = {
  languageName: 'English',
  language: 'Language',
  title: 'Survey reports',
  documentTitle: 'Survey reports · livechat-survey',
  signInDocumentTitle: 'Sign in · Survey reports · livechat-survey',
  signIn: {
    hint: 'Sign in as a Rocket.Chat livechat manager or admin, or with a reports API key.',
    where:
      'Where to find them: in Rocket.Chat, My Account → Personal Access Tokens creates a token and shows your user ID beside it. An API key comes from the operator of this service.',
    user: 'Rocket.Chat user',
    userId: 'User ID',
    token: 'Token',
    tokenHint: 'A personal access token or a login token.',
    or: 'or',
    apiKey: 'API key',
    missing: 'Enter a user ID and a token, or an API key.',
    submit: 'Sign in',
    checking: 'Signing in…',
  },
  errors: {
    rejected:
      'Sign-in failed (401): the user ID and token, or the API key, were not accepted. Check them and sign in again.',
    attemptsLeft: (left: number) =>
      n(left, {
        one: '# attempt left before sign-in from this address is paused.',
        other: '# attempts left before sign-in from this address is paused.',
      }),
    paused: (seconds: number) =>
      n(seconds, {
        one: 'No attempts left: sign-in from this address is paused for # second.',
        other: 'No attempts left: sign-in from this address is paused for # seconds.',
      }),
    forbidden:
      'Access denied (403): this user is neither a livechat manager nor an admin. Sign in as a manager.',
    forbiddenScope: (scope: string) =>
      `Access denied (403): this API key lacks the scope ${scope}. Ask the service's operator for a key with it, or sign in as a manager.`,
    tooManyRequests: (seconds: number) =>
      n(seconds, {
        one: 'Too many requests: wait # second, then retry.',
        other: 'Too many requests: wait # seconds, then retry.',
      }),
    unreachable: 'The service could not be reached. Check the connection and retry.',
    serviceAnswered: (status: number, error: string) => `The service answered ${status}: ${error}`,
    section: (message: string) => `Could not load this section. ${message}`,
    everySection: (message: string) => `Could not load the reports. ${message}`,
  },
  actions: {
    download: 'Download CSV',
    preparing: 'Preparing the CSV…',
    downloaded: 'CSV downloaded.',
    downloadFailed: (message: string) => `The CSV could not be downloaded. ${message}`,
    signOut: 'Sign out',
  },
  filters: {
    label: 'Filters',
    period: 'Period',
    presets: {
      today: 'Today',
      '7': 'Last 7 days',
      '30': 'Last 30 days',
      '90': 'Last 90 days',
      custom: 'Custom range',
    },
    from: 'From',
    to: 'To (included)',
    apply: 'Apply',
    bothDays: 'Enter both days.',
    fromAfterTo: 'From must be on or before To.',
    timeZone: 'Time zone',
    department: 'Department',
    allDepartments: 'All departments',
    agent: 'Agent',
    allAgents: 'All agents',
  },
  sections: {
    loading: 'Loading…',
    nothing: 'Nothing in this period.',
    summary: 'Summary',
    noChats: 'No chats and no survey responses in this period.',
    trend: 'CSAT by day',
    noResponses: 'No survey responses in this period.',
    distribution: 'Answers per survey item',
    agents: 'Agents',
    agentsNote:
      'Every agent under the period and department filters; the selected agent is marked.',
    noAgents: 'No agent has survey responses in this period.',
    departments: 'Departments',
    departmentsNote:
      'Every department under the period and agent filters; the selected department is marked.',
    noDepartments: 'No department has survey responses in this period.',
    comments: 'Latest comments',
    noComments: 'No comments in this period.',
  },
  figures: {
    responses: 'Responses',
    csat: 'CSAT',
    responseRate: 'Response rate',
    comments: 'Comments',
    interval: '95 % interval',
    intervalOf: (range: string) => `95 % interval: ${range}`,
    noInterval: 'no interval',
    ofClosed: (closed: number) =>
      n(closed, { one: 'of # closed chat', other: 'of # closed chats' }),
    averageOf: (item: string) => `Average: ${item}`,
    answers: (count: number) => n(count, { one: '# answer', other: '# answers' }),
    smallSample: 'small sample',
    smallSampleTitle: (min: number) => `Fewer than ${min} satisfaction answers`,
    selected: 'selected',
    noAgent: 'No agent',
    noDepartment: 'No department',
  },
  items: {
    satisfaction: 'Satisfaction',
    agentKnowledge: 'Agent knowledge',
    agentResposiveness: 'Agent responsiveness',
    agentFriendliness: 'Agent friendliness',
    additionalFeedback: 'Comment',
  } as Record<string, string>,
  trend: {
    day: 'Day',
    low: '95 % low',
    high: '95 % high',
    description: (from: string, to: string, tz: string, answered: number, days: number) =>
      `CSAT by day from ${from} to ${to} (${tz}): ${answered} of ${days} days have satisfaction answers. The solid line is CSAT, the dashed lines and shaded band its 95 % interval. The table below lists every day.`,
    asTable: 'CSAT by day as a table',
  },
  distribution: {
    caption: (item: string) => `${item}: answers per value`,
    answer: 'Answer',
    count: 'Count',
  },
  comments: {
    newest: (shown: string, total: number) =>
      n(total, {
        one: 'The one comment.',
        other: `The ${shown} newest of # comments.`,
      }),
    scores: 'Scores',
  },
  views: {
    label: 'Views',
    overview: 'Overview',
    answers: 'Answers',
    followups: 'Needs follow-up',
    hours: 'Weekday × hour',
  },
  change: {
    up: 'up',
    down: 'down',
    flat: 'unchanged',
    significant: 'significant',
    noise: 'within noise',
    unknown: 'no comparison',
    points: (signed: string) => `${signed} pts`,
    previous: (value: string) => `Previous period: ${value}`,
  },
  answers: {
    note: 'The answers behind a figure: select a row, a day or a bar in the overview.',
    narrowing: 'Showing answers for',
    day: (day: string) => `the day ${day}`,
    hour: (hour: string) => `the hour ${hour}`,
    weekday: (weekday: string) => `${weekday}s`,
    item: (item: string, value: string) => `${item} = ${value}`,
    comment: (q: string) => `comments containing “${q}”`,
    all: 'All answers',
    search: 'Search in comments',
    searchButton: 'Search',
    order: 'Order',
    newest: 'Newest first',
    lowest: 'Lowest score first',
    empty: 'No answers match these filters.',
    range: (first: string, last: string, total: number) =>
      n(total, { one: `${first}–${last} of # answer`, other: `${first}–${last} of # answers` }),
    pages: 'Pages',
    previousPage: 'Previous page',
    nextPage: 'Next page',
    openInRocketChat: 'Open in Rocket.Chat',
    noComment: 'No comment.',
    openFor: (what: string) => `Show the answers for ${what}`,
  },
  followups: {
    note: 'Unhappy customers to call back: answers at or below the follow-up threshold, newest first.',
    counts: 'Follow-up queue in this period',
    open: 'Open',
    contacted: 'Contacted',
    resolved: 'Resolved',
    median: 'Median time to resolve',
    status: 'Status',
    all: 'All statuses',
    statusNow: (status: string) => `Status: ${status}`,
    mark: 'Mark as',
    noteLabel: 'Note (optional)',
    empty: 'Nobody to follow up in this period.',
    saved: 'Saved.',
    cannotWrite: 'This credential may read the reports but not change follow-ups (403).',
    failed: (message: string) => `Not saved. ${message}`,
    satisfaction: (value: string) => `Satisfaction ${value}`,
    range: (first: string, last: string, total: number) =>
      n(total, {
        one: `${first}–${last} of # answer to follow up`,
        other: `${first}–${last} of # answers to follow up`,
      }),
  },
  hours: {
    note: "CSAT and responses by weekday and hour of the day, in the report's time zone. Select a cell to see its answers.",
    hour: 'Hour',
    caption: 'CSAT and responses by weekday and hour',
    cell: (weekday: string, hour: string, csat: string, responses: number) =>
      n(responses, {
        one: `${weekday}, ${hour}: CSAT ${csat}, # response`,
        other: `${weekday}, ${hour}: CSAT ${csat}, # responses`,
      }),
    empty: 'No survey responses in this period.',
  },
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

export type Messages = typeof en;

/** Die Wörter der Seite auf Deutsch (Form: `Messages` in en.ts). */
import type { Messages } from './en';
import { plural } from './plural';

const n = plural('de');

export const de: Messages = {
  languageName: 'Deutsch',
  language: 'Sprache',
  title: 'Umfrageberichte',
  documentTitle: 'Umfrageberichte · livechat-survey',
  signInDocumentTitle: 'Anmelden · Umfrageberichte · livechat-survey',
  signIn: {
    hint: 'Melden Sie sich als Livechat-Manager oder Admin von Rocket.Chat an oder mit einem API-Schlüssel für Berichte.',
    where:
      'Wo Sie sie finden: In Rocket.Chat erstellt Mein Konto → Persönliche Zugriffstoken ein Token und zeigt daneben Ihre Benutzer-ID. Einen API-Schlüssel erhalten Sie vom Betreiber dieses Dienstes.',
    user: 'Rocket.Chat-Benutzer',
    userId: 'Benutzer-ID',
    token: 'Token',
    tokenHint: 'Ein persönliches Zugriffstoken oder ein Login-Token.',
    or: 'oder',
    apiKey: 'API-Schlüssel',
    missing: 'Geben Sie eine Benutzer-ID und ein Token ein oder einen API-Schlüssel.',
    submit: 'Anmelden',
    checking: 'Anmeldung läuft…',
  },
  errors: {
    rejected:
      'Anmeldung fehlgeschlagen (401): Benutzer-ID und Token oder der API-Schlüssel wurden nicht akzeptiert. Prüfen Sie sie und melden Sie sich erneut an.',
    attemptsLeft: (left) =>
      n(left, {
        one: 'Noch # Versuch, bevor die Anmeldung von dieser Adresse pausiert wird.',
        other: 'Noch # Versuche, bevor die Anmeldung von dieser Adresse pausiert wird.',
      }),
    paused: (seconds) =>
      n(seconds, {
        one: 'Keine Versuche mehr: Die Anmeldung von dieser Adresse ist für # Sekunde pausiert.',
        other: 'Keine Versuche mehr: Die Anmeldung von dieser Adresse ist für # Sekunden pausiert.',
      }),
    forbidden:
      'Zugriff verweigert (403): Dieser Benutzer ist weder Livechat-Manager noch Admin. Melden Sie sich als Manager an.',
    forbiddenScope: (scope) =>
      `Zugriff verweigert (403): Diesem API-Schlüssel fehlt der Bereich ${scope}. Bitten Sie den Betreiber des Dienstes um einen Schlüssel damit, oder melden Sie sich als Manager an.`,
    tooManyRequests: (seconds) =>
      n(seconds, {
        one: 'Zu viele Anfragen: Warten Sie # Sekunde und versuchen Sie es erneut.',
        other: 'Zu viele Anfragen: Warten Sie # Sekunden und versuchen Sie es erneut.',
      }),
    unreachable:
      'Der Dienst war nicht erreichbar. Prüfen Sie die Verbindung und versuchen Sie es erneut.',
    serviceAnswered: (status, error) => `Der Dienst antwortete ${status}: ${error}`,
    section: (message) => `Dieser Abschnitt konnte nicht geladen werden. ${message}`,
    everySection: (message) => `Die Berichte konnten nicht geladen werden. ${message}`,
  },
  actions: {
    download: 'CSV herunterladen',
    preparing: 'CSV wird vorbereitet…',
    downloaded: 'CSV heruntergeladen.',
    downloadFailed: (message) => `Die CSV konnte nicht heruntergeladen werden. ${message}`,
    signOut: 'Abmelden',
  },
  filters: {
    label: 'Filter',
    period: 'Zeitraum',
    presets: {
      today: 'Heute',
      '7': 'Letzte 7 Tage',
      '30': 'Letzte 30 Tage',
      '90': 'Letzte 90 Tage',
      custom: 'Eigener Zeitraum',
    },
    from: 'Von',
    to: 'Bis (einschließlich)',
    apply: 'Anwenden',
    bothDays: 'Geben Sie beide Tage ein.',
    fromAfterTo: '„Von“ muss am oder vor „Bis“ liegen.',
    timeZone: 'Zeitzone',
    department: 'Abteilung',
    allDepartments: 'Alle Abteilungen',
    agent: 'Agent',
    allAgents: 'Alle Agenten',
  },
  sections: {
    loading: 'Wird geladen…',
    nothing: 'Nichts in diesem Zeitraum.',
    summary: 'Übersicht',
    noChats: 'Keine Chats und keine Umfrageantworten in diesem Zeitraum.',
    trend: 'CSAT pro Tag',
    noResponses: 'Keine Umfrageantworten in diesem Zeitraum.',
    distribution: 'Antworten pro Umfragefrage',
    agents: 'Agenten',
    agentsNote:
      'Alle Agenten unter den Filtern Zeitraum und Abteilung; der ausgewählte Agent ist markiert.',
    noAgents: 'Kein Agent hat Umfrageantworten in diesem Zeitraum.',
    departments: 'Abteilungen',
    departmentsNote:
      'Alle Abteilungen unter den Filtern Zeitraum und Agent; die ausgewählte Abteilung ist markiert.',
    noDepartments: 'Keine Abteilung hat Umfrageantworten in diesem Zeitraum.',
    comments: 'Neueste Kommentare',
    noComments: 'Keine Kommentare in diesem Zeitraum.',
  },
  figures: {
    responses: 'Antworten',
    csat: 'CSAT',
    responseRate: 'Antwortquote',
    comments: 'Kommentare',
    interval: '95-%-Intervall',
    intervalOf: (range) => `95-%-Intervall: ${range}`,
    noInterval: 'kein Intervall',
    ofClosed: (closed) =>
      n(closed, { one: 'von # geschlossenen Chat', other: 'von # geschlossenen Chats' }),
    averageOf: (item) => `Durchschnitt: ${item}`,
    answers: (count) => n(count, { one: '# Antwort', other: '# Antworten' }),
    smallSample: 'kleine Stichprobe',
    smallSampleTitle: (min) => `Weniger als ${min} Zufriedenheitsantworten`,
    selected: 'ausgewählt',
    noAgent: 'Kein Agent',
    noDepartment: 'Keine Abteilung',
  },
  items: {
    satisfaction: 'Zufriedenheit',
    agentKnowledge: 'Fachwissen des Agenten',
    agentResposiveness: 'Reaktionsschnelligkeit des Agenten',
    agentFriendliness: 'Freundlichkeit des Agenten',
    additionalFeedback: 'Kommentar',
  },
  trend: {
    day: 'Tag',
    low: '95 % untere Grenze',
    high: '95 % obere Grenze',
    description: (from, to, tz, answered, days) =>
      `CSAT pro Tag vom ${from} bis ${to} (${tz}): An ${answered} von ${days} Tagen gibt es Zufriedenheitsantworten. Die durchgezogene Linie ist der CSAT, die gestrichelten Linien und das schattierte Band sein 95-%-Intervall. Die Tabelle darunter listet jeden Tag.`,
    asTable: 'CSAT pro Tag als Tabelle',
  },
  distribution: {
    caption: (item) => `${item}: Antworten pro Wert`,
    answer: 'Antwort',
    count: 'Anzahl',
  },
  comments: {
    newest: (shown, total) =>
      n(total, {
        one: 'Der einzige Kommentar.',
        other: `Die ${shown} neuesten von # Kommentaren.`,
      }),
    scores: 'Bewertungen',
  },
  views: {
    label: 'Ansichten',
    overview: 'Übersicht',
    answers: 'Antworten',
    followups: 'Nachfassen',
    hours: 'Wochentag × Stunde',
  },
  change: {
    up: 'gestiegen',
    down: 'gesunken',
    flat: 'unverändert',
    significant: 'signifikant',
    noise: 'im Rauschen',
    unknown: 'kein Vergleich',
    points: (signed) => `${signed} Pkt.`,
    previous: (value) => `Vorheriger Zeitraum: ${value}`,
  },
  answers: {
    note: 'Die Antworten hinter einer Zahl: Wählen Sie in der Übersicht eine Zeile, einen Tag oder einen Balken.',
    narrowing: 'Antworten für',
    day: (day) => `den Tag ${day}`,
    hour: (hour) => `die Stunde ${hour}`,
    weekday: (weekday) => `Wochentag ${weekday}`,
    item: (item, value) => `${item} = ${value}`,
    comment: (q) => `Kommentare mit „${q}“`,
    all: 'Alle Antworten',
    search: 'In Kommentaren suchen',
    searchButton: 'Suchen',
    order: 'Reihenfolge',
    newest: 'Neueste zuerst',
    lowest: 'Niedrigste Bewertung zuerst',
    empty: 'Keine Antworten zu diesen Filtern.',
    range: (first, last, total) =>
      n(total, {
        one: `${first}–${last} von # Antwort`,
        other: `${first}–${last} von # Antworten`,
      }),
    pages: 'Seiten',
    previousPage: 'Vorherige Seite',
    nextPage: 'Nächste Seite',
    openInRocketChat: 'In Rocket.Chat öffnen',
    noComment: 'Kein Kommentar.',
    openFor: (what) => `Die Antworten für ${what} zeigen`,
  },
  followups: {
    note: 'Unzufriedene Kunden zum Zurückrufen: Antworten bis zur Nachfass-Schwelle, neueste zuerst.',
    counts: 'Nachfass-Liste in diesem Zeitraum',
    open: 'Offen',
    contacted: 'Kontaktiert',
    resolved: 'Erledigt',
    median: 'Median der Zeit bis zur Erledigung',
    status: 'Status',
    all: 'Alle Status',
    statusNow: (status) => `Status: ${status}`,
    mark: 'Markieren als',
    noteLabel: 'Notiz (optional)',
    empty: 'Niemand zum Nachfassen in diesem Zeitraum.',
    saved: 'Gespeichert.',
    cannotWrite: 'Dieser Zugang darf die Berichte lesen, aber kein Nachfassen ändern (403).',
    failed: (message) => `Nicht gespeichert. ${message}`,
    satisfaction: (value) => `Zufriedenheit ${value}`,
    range: (first, last, total) =>
      n(total, {
        one: `${first}–${last} von # Antwort zum Nachfassen`,
        other: `${first}–${last} von # Antworten zum Nachfassen`,
      }),
  },
  hours: {
    note: 'CSAT und Antworten nach Wochentag und Tageszeit, in der Zeitzone des Berichts. Wählen Sie eine Zelle, um ihre Antworten zu sehen.',
    hour: 'Stunde',
    caption: 'CSAT und Antworten nach Wochentag und Stunde',
    cell: (weekday, hour, csat, responses) =>
      n(responses, {
        one: `${weekday}, ${hour}: CSAT ${csat}, # Antwort`,
        other: `${weekday}, ${hour}: CSAT ${csat}, # Antworten`,
      }),
    empty: 'Keine Umfrageantworten in diesem Zeitraum.',
  },
  sources: {
    title: 'Woher die Antworten kommen',
    note: 'Umfragelinks werden über jeden Kanal verschickt (room.closed-Webhooks, survey.link); das Widget ist das von Rocket.Chat.',
    empty: 'Keine Umfrageantworten und keine Umfragelinks in diesem Zeitraum.',
    widget: 'Antworten im Widget',
    link: 'Antworten über Links',
    ofResponses: (share) => `${share} der Antworten`,
    created: 'Gesendete Links',
    opened: 'Geöffnete Links',
    answered: 'Beantwortete Links',
    ofCreated: (share) => `${share} der gesendeten Links`,
    linkResponseRate: 'Antwortquote der Links',
  },
};

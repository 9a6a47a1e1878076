/** Les mots de la page en français (forme : `Messages` dans en.ts). */
import type { Messages } from './en';
import { plural } from './plural';

const n = plural('fr');

export const fr: Messages = {
  languageName: 'Français',
  language: 'Langue',
  title: 'Rapports d’enquête',
  documentTitle: 'Rapports d’enquête · livechat-survey',
  signInDocumentTitle: 'Connexion · Rapports d’enquête · livechat-survey',
  signIn: {
    hint: 'Connectez-vous en tant que responsable livechat ou administrateur Rocket.Chat, ou avec une clé d’API de rapports.',
    where:
      'Où les trouver : dans Rocket.Chat, Mon compte → Jetons d’accès personnels crée un jeton et affiche votre identifiant d’utilisateur à côté. Une clé d’API vous est fournie par l’exploitant de ce service.',
    user: 'Utilisateur Rocket.Chat',
    userId: 'Identifiant d’utilisateur',
    token: 'Jeton',
    tokenHint: 'Un jeton d’accès personnel ou un jeton de connexion.',
    or: 'ou',
    apiKey: 'Clé d’API',
    missing: 'Saisissez un identifiant d’utilisateur et un jeton, ou une clé d’API.',
    submit: 'Se connecter',
    checking: 'Connexion…',
  },
  errors: {
    rejected:
      'Échec de la connexion (401) : l’identifiant et le jeton, ou la clé d’API, n’ont pas été acceptés. Vérifiez-les et reconnectez-vous.',
    attemptsLeft: (left) =>
      n(left, {
        one: 'Encore # tentative avant que la connexion depuis cette adresse soit suspendue.',
        other: 'Encore # tentatives avant que la connexion depuis cette adresse soit suspendue.',
      }),
    paused: (seconds) =>
      n(seconds, {
        one: 'Plus aucune tentative : la connexion depuis cette adresse est suspendue pendant # seconde.',
        other:
          'Plus aucune tentative : la connexion depuis cette adresse est suspendue pendant # secondes.',
      }),
    forbidden:
      'Accès refusé (403) : cet utilisateur n’est ni responsable livechat ni administrateur. Connectez-vous en tant que responsable.',
    forbiddenScope: (scope) =>
      `Accès refusé (403) : cette clé d’API n’a pas la portée ${scope}. Demandez à l’opérateur du service une clé qui l’a, ou connectez-vous en tant que responsable.`,
    tooManyRequests: (seconds) =>
      n(seconds, {
        one: 'Trop de requêtes : attendez # seconde, puis réessayez.',
        other: 'Trop de requêtes : attendez # secondes, puis réessayez.',
      }),
    unreachable: 'Le service est injoignable. Vérifiez la connexion et réessayez.',
    serviceAnswered: (status, error) => `Le service a répondu ${status} : ${error}`,
    section: (message) => `Impossible de charger cette section. ${message}`,
    everySection: (message) => `Impossible de charger les rapports. ${message}`,
  },
  actions: {
    download: 'Télécharger le CSV',
    preparing: 'Préparation du CSV…',
    downloaded: 'CSV téléchargé.',
    downloadFailed: (message) => `Le CSV n’a pas pu être téléchargé. ${message}`,
    signOut: 'Se déconnecter',
  },
  filters: {
    label: 'Filtres',
    period: 'Période',
    presets: {
      today: 'Aujourd’hui',
      '7': '7 derniers jours',
      '30': '30 derniers jours',
      '90': '90 derniers jours',
      custom: 'Période personnalisée',
    },
    from: 'Du',
    to: 'Au (inclus)',
    apply: 'Appliquer',
    bothDays: 'Saisissez les deux jours.',
    fromAfterTo: 'Le premier jour doit précéder le dernier ou lui être égal.',
    timeZone: 'Fuseau horaire',
    department: 'Département',
    allDepartments: 'Tous les départements',
    agent: 'Agent',
    allAgents: 'Tous les agents',
  },
  sections: {
    loading: 'Chargement…',
    nothing: 'Rien sur cette période.',
    summary: 'Synthèse',
    noChats: 'Aucune conversation et aucune réponse à l’enquête sur cette période.',
    trend: 'CSAT par jour',
    noResponses: 'Aucune réponse à l’enquête sur cette période.',
    distribution: 'Réponses par question',
    agents: 'Agents',
    agentsNote:
      'Tous les agents selon les filtres de période et de département ; l’agent sélectionné est signalé.',
    noAgents: 'Aucun agent n’a de réponses à l’enquête sur cette période.',
    departments: 'Départements',
    departmentsNote:
      'Tous les départements selon les filtres de période et d’agent ; le département sélectionné est signalé.',
    noDepartments: 'Aucun département n’a de réponses à l’enquête sur cette période.',
    comments: 'Derniers commentaires',
    noComments: 'Aucun commentaire sur cette période.',
  },
  figures: {
    responses: 'Réponses',
    csat: 'CSAT',
    responseRate: 'Taux de réponse',
    comments: 'Commentaires',
    interval: 'Intervalle à 95 %',
    intervalOf: (range) => `Intervalle à 95 % : ${range}`,
    noInterval: 'pas d’intervalle',
    ofClosed: (closed) =>
      n(closed, { one: 'sur # conversation fermée', other: 'sur # conversations fermées' }),
    averageOf: (item) => `Moyenne : ${item}`,
    answers: (count) => n(count, { one: '# réponse', other: '# réponses' }),
    smallSample: 'petit échantillon',
    smallSampleTitle: (min) => `Moins de ${min} réponses de satisfaction`,
    selected: 'sélectionné',
    noAgent: 'Sans agent',
    noDepartment: 'Sans département',
  },
  items: {
    satisfaction: 'Satisfaction',
    agentKnowledge: 'Connaissances de l’agent',
    agentResposiveness: 'Réactivité de l’agent',
    agentFriendliness: 'Amabilité de l’agent',
    additionalFeedback: 'Commentaire',
  },
  trend: {
    day: 'Jour',
    low: 'Borne basse à 95 %',
    high: 'Borne haute à 95 %',
    description: (from, to, tz, answered, days) =>
      `CSAT par jour du ${from} au ${to} (${tz}) : ${answered} jours sur ${days} ont des réponses de satisfaction. La ligne continue est le CSAT, les lignes pointillées et la bande ombrée son intervalle à 95 %. Le tableau ci-dessous liste chaque jour.`,
    asTable: 'CSAT par jour sous forme de tableau',
  },
  distribution: {
    caption: (item) => `${item} : réponses par valeur`,
    answer: 'Réponse',
    count: 'Nombre',
  },
  comments: {
    newest: (shown, total) =>
      n(total, {
        one: 'Le seul commentaire.',
        other: `Les ${shown} plus récents sur # commentaires.`,
      }),
    scores: 'Notes',
  },
  views: {
    label: 'Vues',
    overview: 'Vue d’ensemble',
    answers: 'Réponses',
    followups: 'À rappeler',
    hours: 'Jour × heure',
  },
  change: {
    up: 'en hausse',
    down: 'en baisse',
    flat: 'inchangé',
    significant: 'significatif',
    noise: 'dans le bruit',
    unknown: 'pas de comparaison',
    points: (signed) => `${signed} pts`,
    previous: (value) => `Période précédente : ${value}`,
  },
  answers: {
    note: 'Les réponses derrière un chiffre : choisissez une ligne, un jour ou une barre dans la vue d’ensemble.',
    narrowing: 'Réponses pour',
    day: (day) => `le ${day}`,
    hour: (hour) => `l’heure ${hour}`,
    weekday: (weekday) => `les ${weekday}s`,
    item: (item, value) => `${item} = ${value}`,
    comment: (q) => `les commentaires contenant « ${q} »`,
    all: 'Toutes les réponses',
    search: 'Chercher dans les commentaires',
    searchButton: 'Chercher',
    order: 'Ordre',
    newest: 'Plus récentes d’abord',
    lowest: 'Note la plus basse d’abord',
    empty: 'Aucune réponse pour ces filtres.',
    range: (first, last, total) =>
      n(total, { one: `${first}–${last} sur # réponse`, other: `${first}–${last} sur # réponses` }),
    pages: 'Pages',
    previousPage: 'Page précédente',
    nextPage: 'Page suivante',
    openInRocketChat: 'Ouvrir dans Rocket.Chat',
    noComment: 'Pas de commentaire.',
    openFor: (what) => `Voir les réponses pour ${what}`,
  },
  followups: {
    note: 'Clients mécontents à rappeler : réponses au seuil de suivi ou en dessous, les plus récentes d’abord.',
    counts: 'File de suivi sur cette période',
    open: 'Ouvert',
    contacted: 'Contacté',
    resolved: 'Résolu',
    median: 'Délai médian de résolution',
    status: 'Statut',
    all: 'Tous les statuts',
    statusNow: (status) => `Statut : ${status}`,
    mark: 'Marquer comme',
    noteLabel: 'Note (facultative)',
    empty: 'Personne à rappeler sur cette période.',
    saved: 'Enregistré.',
    cannotWrite: 'Cet identifiant peut lire les rapports mais pas modifier les suivis (403).',
    failed: (message) => `Non enregistré. ${message}`,
    satisfaction: (value) => `Satisfaction ${value}`,
    range: (first, last, total) =>
      n(total, {
        one: `${first}–${last} sur # réponse à suivre`,
        other: `${first}–${last} sur # réponses à suivre`,
      }),
  },
  hours: {
    note: 'CSAT et réponses par jour de la semaine et heure, dans le fuseau du rapport. Choisissez une case pour voir ses réponses.',
    hour: 'Heure',
    caption: 'CSAT et réponses par jour de la semaine et heure',
    cell: (weekday, hour, csat, responses) =>
      n(responses, {
        one: `${weekday}, ${hour} : CSAT ${csat}, # réponse`,
        other: `${weekday}, ${hour} : CSAT ${csat}, # réponses`,
      }),
    empty: 'Aucune réponse à l’enquête sur cette période.',
  },
  sources: {
    title: 'D’où viennent les réponses',
    note: 'Les liens d’enquête sont envoyés sur tout canal (webhooks room.closed, survey.link) ; le widget est celui de Rocket.Chat.',
    empty: 'Aucune réponse à l’enquête et aucun lien d’enquête sur cette période.',
    widget: 'Réponses dans le widget',
    link: 'Réponses par lien',
    ofResponses: (share) => `${share} des réponses`,
    created: 'Liens envoyés',
    opened: 'Liens ouverts',
    answered: 'Liens répondus',
    ofCreated: (share) => `${share} des liens envoyés`,
    linkResponseRate: 'Taux de réponse des liens',
  },
};

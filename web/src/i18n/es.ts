/** Las palabras de la página en español (forma: `Messages` en en.ts). */
import type { Messages } from './en';
import { plural } from './plural';

const n = plural('es');

export const es: Messages = {
  languageName: 'Español',
  language: 'Idioma',
  title: 'Informes de encuestas',
  documentTitle: 'Informes de encuestas · livechat-survey',
  signInDocumentTitle: 'Iniciar sesión · Informes de encuestas · livechat-survey',
  signIn: {
    hint: 'Inicie sesión como gerente de livechat o administrador de Rocket.Chat, o con una clave de API de informes.',
    where:
      'Dónde encontrarlos: en Rocket.Chat, Mi cuenta → Tokens de acceso personal crea un token y muestra su ID de usuario al lado. La clave de API se la da el operador de este servicio.',
    user: 'Usuario de Rocket.Chat',
    userId: 'ID de usuario',
    token: 'Token',
    tokenHint: 'Un token de acceso personal o un token de inicio de sesión.',
    or: 'o',
    apiKey: 'Clave de API',
    missing: 'Introduzca un ID de usuario y un token, o una clave de API.',
    submit: 'Iniciar sesión',
    checking: 'Iniciando sesión…',
  },
  errors: {
    rejected:
      'Error al iniciar sesión (401): no se aceptaron el ID de usuario y el token, o la clave de API. Compruébelos e inicie sesión de nuevo.',
    attemptsLeft: (left) =>
      n(left, {
        one: 'Queda # intento antes de que se pause el inicio de sesión desde esta dirección.',
        other: 'Quedan # intentos antes de que se pause el inicio de sesión desde esta dirección.',
      }),
    paused: (seconds) =>
      n(seconds, {
        one: 'No quedan intentos: el inicio de sesión desde esta dirección está en pausa durante # segundo.',
        other:
          'No quedan intentos: el inicio de sesión desde esta dirección está en pausa durante # segundos.',
      }),
    forbidden:
      'Acceso denegado (403): este usuario no es gerente de livechat ni administrador. Inicie sesión como gerente.',
    forbiddenScope: (scope) =>
      `Acceso denegado (403): a esta clave de API le falta el permiso ${scope}. Pida al operador del servicio una clave con él, o inicie sesión como gerente.`,
    tooManyRequests: (seconds) =>
      n(seconds, {
        one: 'Demasiadas solicitudes: espere # segundo y vuelva a intentarlo.',
        other: 'Demasiadas solicitudes: espere # segundos y vuelva a intentarlo.',
      }),
    unreachable:
      'No se pudo contactar con el servicio. Compruebe la conexión y vuelva a intentarlo.',
    serviceAnswered: (status, error) => `El servicio respondió ${status}: ${error}`,
    section: (message) => `No se pudo cargar esta sección. ${message}`,
    everySection: (message) => `No se pudieron cargar los informes. ${message}`,
  },
  actions: {
    download: 'Descargar CSV',
    preparing: 'Preparando el CSV…',
    downloaded: 'CSV descargado.',
    downloadFailed: (message) => `No se pudo descargar el CSV. ${message}`,
    signOut: 'Cerrar sesión',
  },
  filters: {
    label: 'Filtros',
    period: 'Periodo',
    presets: {
      today: 'Hoy',
      '7': 'Últimos 7 días',
      '30': 'Últimos 30 días',
      '90': 'Últimos 90 días',
      custom: 'Intervalo personalizado',
    },
    from: 'Desde',
    to: 'Hasta (incluido)',
    apply: 'Aplicar',
    bothDays: 'Introduzca los dos días.',
    fromAfterTo: '«Desde» debe ser igual o anterior a «Hasta».',
    timeZone: 'Zona horaria',
    department: 'Departamento',
    allDepartments: 'Todos los departamentos',
    agent: 'Agente',
    allAgents: 'Todos los agentes',
  },
  sections: {
    loading: 'Cargando…',
    nothing: 'Nada en este periodo.',
    summary: 'Resumen',
    noChats: 'Ningún chat ni respuesta a la encuesta en este periodo.',
    trend: 'CSAT por día',
    noResponses: 'Ninguna respuesta a la encuesta en este periodo.',
    distribution: 'Respuestas por pregunta',
    agents: 'Agentes',
    agentsNote:
      'Todos los agentes según los filtros de periodo y departamento; el agente seleccionado está marcado.',
    noAgents: 'Ningún agente tiene respuestas a la encuesta en este periodo.',
    departments: 'Departamentos',
    departmentsNote:
      'Todos los departamentos según los filtros de periodo y agente; el departamento seleccionado está marcado.',
    noDepartments: 'Ningún departamento tiene respuestas a la encuesta en este periodo.',
    comments: 'Últimos comentarios',
    noComments: 'Ningún comentario en este periodo.',
  },
  figures: {
    responses: 'Respuestas',
    csat: 'CSAT',
    responseRate: 'Tasa de respuesta',
    comments: 'Comentarios',
    interval: 'Intervalo del 95 %',
    intervalOf: (range) => `Intervalo del 95 %: ${range}`,
    noInterval: 'sin intervalo',
    ofClosed: (closed) => n(closed, { one: 'de # chat cerrado', other: 'de # chats cerrados' }),
    averageOf: (item) => `Promedio: ${item}`,
    answers: (count) => n(count, { one: '# respuesta', other: '# respuestas' }),
    smallSample: 'muestra pequeña',
    smallSampleTitle: (min) => `Menos de ${min} respuestas de satisfacción`,
    selected: 'seleccionado',
    noAgent: 'Sin agente',
    noDepartment: 'Sin departamento',
  },
  items: {
    satisfaction: 'Satisfacción',
    agentKnowledge: 'Conocimiento del agente',
    agentResposiveness: 'Rapidez de respuesta del agente',
    agentFriendliness: 'Amabilidad del agente',
    additionalFeedback: 'Comentario',
  },
  trend: {
    day: 'Día',
    low: 'Límite inferior del 95 %',
    high: 'Límite superior del 95 %',
    description: (from, to, tz, answered, days) =>
      `CSAT por día del ${from} al ${to} (${tz}): ${answered} de ${days} días tienen respuestas de satisfacción. La línea continua es el CSAT; las líneas discontinuas y la banda sombreada, su intervalo del 95 %. La tabla de abajo lista cada día.`,
    asTable: 'CSAT por día como tabla',
  },
  distribution: {
    caption: (item) => `${item}: respuestas por valor`,
    answer: 'Respuesta',
    count: 'Cantidad',
  },
  comments: {
    newest: (shown, total) =>
      n(total, {
        one: 'El único comentario.',
        other: `Los ${shown} más recientes de # comentarios.`,
      }),
    scores: 'Puntuaciones',
  },
  views: {
    label: 'Vistas',
    overview: 'Resumen general',
    answers: 'Respuestas',
    followups: 'Requiere seguimiento',
    hours: 'Día × hora',
  },
  change: {
    up: 'sube',
    down: 'baja',
    flat: 'sin cambios',
    significant: 'significativo',
    noise: 'dentro del ruido',
    unknown: 'sin comparación',
    points: (signed) => `${signed} pts`,
    previous: (value) => `Periodo anterior: ${value}`,
  },
  answers: {
    note: 'Las respuestas detrás de una cifra: elija una fila, un día o una barra en el resumen general.',
    narrowing: 'Respuestas de',
    day: (day) => `el día ${day}`,
    hour: (hour) => `la hora ${hour}`,
    weekday: (weekday) => `los ${weekday}`,
    item: (item, value) => `${item} = ${value}`,
    comment: (q) => `comentarios que contienen «${q}»`,
    all: 'Todas las respuestas',
    search: 'Buscar en los comentarios',
    searchButton: 'Buscar',
    order: 'Orden',
    newest: 'Más recientes primero',
    lowest: 'Puntuación más baja primero',
    empty: 'Ninguna respuesta con estos filtros.',
    range: (first, last, total) =>
      n(total, {
        one: `${first}–${last} de # respuesta`,
        other: `${first}–${last} de # respuestas`,
      }),
    pages: 'Páginas',
    previousPage: 'Página anterior',
    nextPage: 'Página siguiente',
    openInRocketChat: 'Abrir en Rocket.Chat',
    noComment: 'Sin comentario.',
    openFor: (what) => `Ver las respuestas de ${what}`,
  },
  followups: {
    note: 'Clientes insatisfechos a los que llamar: respuestas en el umbral de seguimiento o por debajo, las más recientes primero.',
    counts: 'Cola de seguimiento en este periodo',
    open: 'Abierto',
    contacted: 'Contactado',
    resolved: 'Resuelto',
    median: 'Tiempo mediano hasta resolver',
    status: 'Estado',
    all: 'Todos los estados',
    statusNow: (status) => `Estado: ${status}`,
    mark: 'Marcar como',
    noteLabel: 'Nota (opcional)',
    empty: 'Nadie a quien dar seguimiento en este periodo.',
    saved: 'Guardado.',
    cannotWrite: 'Esta credencial puede leer los informes pero no cambiar seguimientos (403).',
    failed: (message) => `No se guardó. ${message}`,
    satisfaction: (value) => `Satisfacción ${value}`,
    range: (first, last, total) =>
      n(total, {
        one: `${first}–${last} de # respuesta a seguir`,
        other: `${first}–${last} de # respuestas a seguir`,
      }),
  },
  hours: {
    note: 'CSAT y respuestas por día de la semana y hora, en la zona horaria del informe. Elija una celda para ver sus respuestas.',
    hour: 'Hora',
    caption: 'CSAT y respuestas por día de la semana y hora',
    cell: (weekday, hour, csat, responses) =>
      n(responses, {
        one: `${weekday}, ${hour}: CSAT ${csat}, # respuesta`,
        other: `${weekday}, ${hour}: CSAT ${csat}, # respuestas`,
      }),
    empty: 'Ninguna respuesta a la encuesta en este periodo.',
  },
  sources: {
    title: 'De dónde vienen las respuestas',
    note: 'Los enlaces de encuesta se envían por cualquier canal (webhooks room.closed, survey.link); el widget es el de Rocket.Chat.',
    empty: 'Ninguna respuesta a la encuesta ni enlace de encuesta en este periodo.',
    widget: 'Respuestas en el widget',
    link: 'Respuestas por enlace',
    ofResponses: (share) => `${share} de las respuestas`,
    created: 'Enlaces enviados',
    opened: 'Enlaces abiertos',
    answered: 'Enlaces respondidos',
    ofCreated: (share) => `${share} de los enlaces enviados`,
    linkResponseRate: 'Tasa de respuesta de los enlaces',
  },
};

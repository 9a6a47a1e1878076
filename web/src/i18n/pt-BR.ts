/** As palavras da página em português do Brasil (forma: `Messages` em en.ts). */
import type { Messages } from './en';
import { plural } from './plural';

const n = plural('pt-BR');

export const ptBR: Messages = {
  languageName: 'Português (Brasil)',
  language: 'Idioma',
  title: 'Relatórios de pesquisa',
  documentTitle: 'Relatórios de pesquisa · livechat-survey',
  signInDocumentTitle: 'Entrar · Relatórios de pesquisa · livechat-survey',
  signIn: {
    hint: 'Entre como gerente de livechat ou administrador do Rocket.Chat, ou com uma chave de API de relatórios.',
    where:
      'Onde encontrá-los: no Rocket.Chat, Minha Conta → Tokens de acesso pessoal cria um token e mostra seu ID de usuário ao lado. A chave de API é fornecida pelo operador deste serviço.',
    user: 'Usuário do Rocket.Chat',
    userId: 'ID de usuário',
    token: 'Token',
    tokenHint: 'Um token de acesso pessoal ou um token de login.',
    or: 'ou',
    apiKey: 'Chave de API',
    missing: 'Informe um ID de usuário e um token, ou uma chave de API.',
    submit: 'Entrar',
    checking: 'Entrando…',
  },
  errors: {
    rejected:
      'Falha ao entrar (401): o ID de usuário e o token, ou a chave de API, não foram aceitos. Confira e entre novamente.',
    attemptsLeft: (left) =>
      n(left, {
        one: 'Resta # tentativa antes que o login a partir deste endereço seja pausado.',
        other: 'Restam # tentativas antes que o login a partir deste endereço seja pausado.',
      }),
    paused: (seconds) =>
      n(seconds, {
        one: 'Nenhuma tentativa restante: o login a partir deste endereço está pausado por # segundo.',
        other:
          'Nenhuma tentativa restante: o login a partir deste endereço está pausado por # segundos.',
      }),
    forbidden:
      'Acesso negado (403): este usuário não é gerente de livechat nem administrador. Entre como gerente.',
    forbiddenScope: (scope) =>
      `Acesso negado (403): esta chave de API não tem o escopo ${scope}. Peça ao operador do serviço uma chave com ele, ou entre como gerente.`,
    tooManyRequests: (seconds) =>
      n(seconds, {
        one: 'Solicitações demais: aguarde # segundo e tente de novo.',
        other: 'Solicitações demais: aguarde # segundos e tente de novo.',
      }),
    unreachable: 'Não foi possível contatar o serviço. Verifique a conexão e tente de novo.',
    serviceAnswered: (status, error) => `O serviço respondeu ${status}: ${error}`,
    section: (message) => `Não foi possível carregar esta seção. ${message}`,
    everySection: (message) => `Não foi possível carregar os relatórios. ${message}`,
  },
  actions: {
    download: 'Baixar CSV',
    preparing: 'Preparando o CSV…',
    downloaded: 'CSV baixado.',
    downloadFailed: (message) => `Não foi possível baixar o CSV. ${message}`,
    signOut: 'Sair',
  },
  filters: {
    label: 'Filtros',
    period: 'Período',
    presets: {
      today: 'Hoje',
      '7': 'Últimos 7 dias',
      '30': 'Últimos 30 dias',
      '90': 'Últimos 90 dias',
      custom: 'Período personalizado',
    },
    from: 'De',
    to: 'Até (incluído)',
    apply: 'Aplicar',
    bothDays: 'Informe os dois dias.',
    fromAfterTo: '“De” deve ser igual ou anterior a “Até”.',
    timeZone: 'Fuso horário',
    department: 'Departamento',
    allDepartments: 'Todos os departamentos',
    agent: 'Agente',
    allAgents: 'Todos os agentes',
  },
  sections: {
    loading: 'Carregando…',
    nothing: 'Nada neste período.',
    summary: 'Resumo',
    noChats: 'Nenhuma conversa e nenhuma resposta à pesquisa neste período.',
    trend: 'CSAT por dia',
    noResponses: 'Nenhuma resposta à pesquisa neste período.',
    distribution: 'Respostas por pergunta',
    agents: 'Agentes',
    agentsNote:
      'Todos os agentes segundo os filtros de período e departamento; o agente selecionado está marcado.',
    noAgents: 'Nenhum agente tem respostas à pesquisa neste período.',
    departments: 'Departamentos',
    departmentsNote:
      'Todos os departamentos segundo os filtros de período e agente; o departamento selecionado está marcado.',
    noDepartments: 'Nenhum departamento tem respostas à pesquisa neste período.',
    comments: 'Comentários recentes',
    noComments: 'Nenhum comentário neste período.',
  },
  figures: {
    responses: 'Respostas',
    csat: 'CSAT',
    responseRate: 'Taxa de resposta',
    comments: 'Comentários',
    interval: 'Intervalo de 95 %',
    intervalOf: (range) => `Intervalo de 95 %: ${range}`,
    noInterval: 'sem intervalo',
    ofClosed: (closed) =>
      n(closed, { one: 'de # conversa encerrada', other: 'de # conversas encerradas' }),
    averageOf: (item) => `Média: ${item}`,
    answers: (count) => n(count, { one: '# resposta', other: '# respostas' }),
    smallSample: 'amostra pequena',
    smallSampleTitle: (min) => `Menos de ${min} respostas de satisfação`,
    selected: 'selecionado',
    noAgent: 'Sem agente',
    noDepartment: 'Sem departamento',
  },
  items: {
    satisfaction: 'Satisfação',
    agentKnowledge: 'Conhecimento do agente',
    agentResposiveness: 'Agilidade do agente',
    agentFriendliness: 'Cordialidade do agente',
    additionalFeedback: 'Comentário',
  },
  trend: {
    day: 'Dia',
    low: 'Limite inferior de 95 %',
    high: 'Limite superior de 95 %',
    description: (from, to, tz, answered, days) =>
      `CSAT por dia de ${from} a ${to} (${tz}): ${answered} de ${days} dias têm respostas de satisfação. A linha contínua é o CSAT; as linhas tracejadas e a faixa sombreada, seu intervalo de 95 %. A tabela abaixo lista cada dia.`,
    asTable: 'CSAT por dia em tabela',
  },
  distribution: {
    caption: (item) => `${item}: respostas por valor`,
    answer: 'Resposta',
    count: 'Quantidade',
  },
  comments: {
    newest: (shown, total) =>
      n(total, {
        one: 'O único comentário.',
        other: `Os ${shown} mais recentes de # comentários.`,
      }),
    scores: 'Notas',
  },
  views: {
    label: 'Visões',
    overview: 'Visão geral',
    answers: 'Respostas',
    followups: 'Requer retorno',
    hours: 'Dia × hora',
  },
  change: {
    up: 'subiu',
    down: 'caiu',
    flat: 'sem mudança',
    significant: 'significativo',
    noise: 'dentro do ruído',
    unknown: 'sem comparação',
    points: (signed) => `${signed} p.p.`,
    previous: (value) => `Período anterior: ${value}`,
  },
  answers: {
    note: 'As respostas por trás de um número: escolha uma linha, um dia ou uma barra na visão geral.',
    narrowing: 'Respostas de',
    day: (day) => `o dia ${day}`,
    hour: (hour) => `a hora ${hour}`,
    weekday: (weekday) => `${weekday}`,
    item: (item, value) => `${item} = ${value}`,
    comment: (q) => `comentários com “${q}”`,
    all: 'Todas as respostas',
    search: 'Buscar nos comentários',
    searchButton: 'Buscar',
    order: 'Ordem',
    newest: 'Mais recentes primeiro',
    lowest: 'Menor nota primeiro',
    empty: 'Nenhuma resposta com estes filtros.',
    range: (first, last, total) =>
      n(total, { one: `${first}–${last} de # resposta`, other: `${first}–${last} de # respostas` }),
    pages: 'Páginas',
    previousPage: 'Página anterior',
    nextPage: 'Próxima página',
    openInRocketChat: 'Abrir no Rocket.Chat',
    noComment: 'Sem comentário.',
    openFor: (what) => `Ver as respostas de ${what}`,
  },
  followups: {
    note: 'Clientes insatisfeitos para retornar: respostas no limite de retorno ou abaixo, as mais recentes primeiro.',
    counts: 'Fila de retorno neste período',
    open: 'Aberto',
    contacted: 'Contatado',
    resolved: 'Resolvido',
    median: 'Tempo mediano até resolver',
    status: 'Status',
    all: 'Todos os status',
    statusNow: (status) => `Status: ${status}`,
    mark: 'Marcar como',
    noteLabel: 'Nota (opcional)',
    empty: 'Ninguém para retornar neste período.',
    saved: 'Salvo.',
    cannotWrite: 'Esta credencial pode ler os relatórios, mas não alterar retornos (403).',
    failed: (message) => `Não salvo. ${message}`,
    satisfaction: (value) => `Satisfação ${value}`,
    range: (first, last, total) =>
      n(total, {
        one: `${first}–${last} de # resposta para retornar`,
        other: `${first}–${last} de # respostas para retornar`,
      }),
  },
  hours: {
    note: 'CSAT e respostas por dia da semana e hora, no fuso horário do relatório. Escolha uma célula para ver suas respostas.',
    hour: 'Hora',
    caption: 'CSAT e respostas por dia da semana e hora',
    cell: (weekday, hour, csat, responses) =>
      n(responses, {
        one: `${weekday}, ${hour}: CSAT ${csat}, # resposta`,
        other: `${weekday}, ${hour}: CSAT ${csat}, # respostas`,
      }),
    empty: 'Nenhuma resposta à pesquisa neste período.',
  },
  sources: {
    title: 'De onde vêm as respostas',
    note: 'Links de pesquisa são enviados por qualquer canal (webhooks room.closed, survey.link); o widget é o do próprio Rocket.Chat.',
    empty: 'Nenhuma resposta à pesquisa e nenhum link de pesquisa neste período.',
    widget: 'Respostas no widget',
    link: 'Respostas por link',
    ofResponses: (share) => `${share} das respostas`,
    created: 'Links enviados',
    opened: 'Links abertos',
    answered: 'Links respondidos',
    ofCreated: (share) => `${share} dos links enviados`,
    linkResponseRate: 'Taxa de resposta dos links',
  },
};

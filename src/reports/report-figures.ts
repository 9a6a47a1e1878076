/** A report's figures as the API answers them; the reports page (web/) imports these types too. */
export interface ItemFigures {
  count: number;
  average: number | null;
  distribution: Record<string, number>;
}

export interface Figures {
  responses: number;
  roomsClosed: number;
  responseRate: number | null;
  csat: number | null;
  csatInterval: [number, number] | null;
  comments: number;
  /** Responses by where they were given: Rocket.Chat's widget, or a survey link's page. */
  bySource: { widget: number; link: number };
  items: Record<string, ItemFigures>;
}

/** The survey links made in the period, and how far they got: the summary's alone. */
export interface LinkFunnel {
  created: number;
  opened: number;
  answered: number;
  /** answered / created; null when none was made. */
  responseRate: number | null;
}

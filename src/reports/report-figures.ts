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

/** current − previous, with its 95 % interval; nulls when a side lacks the data. */
export interface Difference {
  value: number | null;
  interval: [number, number] | null;
  /** Whether the interval excludes 0; null without an interval. */
  significant: boolean | null;
}

export interface Change {
  /** Difference of two proportions (0–1), Newcombe's hybrid score interval. */
  csat: Difference;
  responseRate: Difference;
  /** Difference of the items' averages, Welch's interval. */
  items: Record<string, Difference>;
}

/** What compare=previous adds to the summary and to each group. */
export interface Compared {
  previous: Figures;
  change: Change;
}

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
  items: Record<string, ItemFigures>;
}

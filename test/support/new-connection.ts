import { request } from 'node:http';

/** How a survey sent on a connection of its own ended. */
export interface Answer {
  rid: string;
  value: string;
  /** When it was sent, and when its answer (or failure) came (epoch ms). */
  sentAt: number;
  endedAt: number;
  /**
   * The service had read its headers (it answered 100 Continue): from then on the request was
   * in flight there, and only an answer is acceptable.
   */
  accepted: boolean;
  /**
   * The HTTP status; 'refused' when nothing accepted the connection; 'dropped' when the
   * connection ended without an answer.
   */
  status: number | 'refused' | 'dropped';
  /** The answer's Connection header. */
  connection?: string;
}

/**
 * A survey on a TCP connection of its own (`agent: false`: a client newly routed to the
 * service). It asks for 100 Continue, so it knows when the service holds the request; the body
 * follows once `beforeBody` resolves (a slow upload, still in flight whenever the test says).
 */
export function surveyOnNewConnection(
  baseUrl: string,
  token: string,
  rid: string,
  value: string,
  beforeBody: () => Promise<void> = () => Promise.resolve(),
): Promise<Answer> {
  const sentAt = Date.now();
  let accepted = false;
  return new Promise((done) => {
    const end = (status: Answer['status'], connection?: string) =>
      done({ rid, value, sentAt, endedAt: Date.now(), accepted, status, connection });
    const body = JSON.stringify({ rid, token, data: [{ name: 'additionalFeedback', value }] });
    const req = request(
      `${baseUrl}/api/v1/livechat/room.survey`,
      {
        method: 'POST',
        agent: false,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
          Expect: '100-continue',
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => end(res.statusCode ?? 0, res.headers.connection));
        res.on('error', () => end('dropped'));
      },
    );
    req.on('continue', () => {
      accepted = true;
      void beforeBody().then(() => req.end(body));
    });
    req.on('error', (error: NodeJS.ErrnoException) =>
      end(error.code === 'ECONNREFUSED' ? 'refused' : 'dropped'),
    );
    req.flushHeaders();
  });
}

/**
 * Surveys on rooms of their own that the service accepts now (100 Continue) and whose bodies
 * follow only once `release` resolves: requests in flight across whatever happens meanwhile.
 */
export async function heldSurveys(
  baseUrl: string,
  token: string,
  rids: string[],
  release: Promise<unknown>,
) {
  const accepted: Promise<void>[] = [];
  const answers = rids.map((rid) => {
    let onAccepted!: () => void;
    accepted.push(new Promise((resolve) => (onAccepted = resolve)));
    return surveyOnNewConnection(baseUrl, token, rid, `${rid}-held`, async () => {
      onAccepted();
      await release;
    });
  });
  await Promise.all(accepted);
  return Promise.all(answers);
}

/** Surveys on new connections, one after the other, until the service no longer answers one. */
export async function surveysUntilRefused(
  baseUrl: string,
  token: string,
  rid: string,
  answers: Answer[],
) {
  for (let i = 0; ; i++) {
    const answer = await surveyOnNewConnection(baseUrl, token, rid, `${rid}-${i}`);
    answers.push(answer);
    if (typeof answer.status !== 'number') return;
  }
}

/**
 * What clients may see of a stop: whatever the service had accepted is answered 200; a new
 * connection is refused, or closed unread, only from `stoppedAt` (when it may stop accepting).
 */
export function expectOnlyNewConnectionsRefused(answers: Answer[], stoppedAt: number) {
  expect(answers.filter((answer) => answer.accepted && answer.status !== 200)).toEqual([]);
  expect(
    answers.filter(
      (answer) =>
        answer.status !== 200 &&
        !(answer.endedAt >= stoppedAt && ['refused', 'dropped'].includes(String(answer.status))),
    ),
  ).toEqual([]);
}

/** Resolves once a new connection to `baseUrl` is refused: the service stopped accepting. */
export async function untilRefused(baseUrl: string, timeoutMs = 30_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const refused = await new Promise<boolean>((done) => {
      const req = request(`${baseUrl}/health/live`, { agent: false }, (res) => {
        res.resume();
        res.on('end', () => done(false));
      });
      req.on('error', (error: NodeJS.ErrnoException) => done(error.code === 'ECONNREFUSED'));
      req.end();
    });
    if (refused) return Date.now();
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${baseUrl} still accepted connections after ${timeoutMs} ms`);
}

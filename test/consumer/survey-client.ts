/**
 * A consumer's view of the API: a tiny client typed only by the types openapi-typescript
 * generates from the committed openapi.json (into ./generated, by the consumer test).
 */
import type { paths } from './generated/openapi';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Body<P extends keyof paths, M extends 'get' | 'post' | 'delete'> = paths[P][M] extends {
  requestBody?: infer R;
}
  ? Json<NonNullable<R>>
  : never;
type Ok<P extends keyof paths, M extends 'get' | 'post' | 'delete'> = paths[P][M] extends {
  responses: { 200: infer R };
}
  ? Json<R>
  : never;
type RoomQuery = paths['/api/v1/livechat/room']['get']['parameters']['query'];

export type SurveyResult = Ok<'/api/v1/livechat/room.survey', 'post'>;

async function call<T>(url: string, init?: { method: string; body: unknown }): Promise<T> {
  const response = await fetch(url, {
    method: init?.method ?? 'GET',
    headers: { 'Content-Type': 'application/json' },
    body: init ? JSON.stringify(init.body) : undefined,
  });
  if (response.status !== 200)
    throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** register → open a room → close it → rate it, typed end to end by the OpenAPI document. */
export async function surveyJourney(base: string, token: string): Promise<SurveyResult> {
  const register: Body<'/api/v1/livechat/visitor', 'post'> = { visitor: { token, name: 'Typed' } };
  const { visitor } = await call<Ok<'/api/v1/livechat/visitor', 'post'>>(
    `${base}/api/v1/livechat/visitor`,
    {
      method: 'POST',
      body: register,
    },
  );
  const query: RoomQuery = { token: visitor.token ?? token };
  const opened = await call<Ok<'/api/v1/livechat/room', 'get'>>(
    `${base}/api/v1/livechat/room?token=${encodeURIComponent(query.token)}`,
  );
  const rid: string = opened.room._id;
  const close: Body<'/api/v1/livechat/room.close', 'post'> = { rid, token };
  const closed = await call<Ok<'/api/v1/livechat/room.close', 'post'>>(
    `${base}/api/v1/livechat/room.close`,
    {
      method: 'POST',
      body: close,
    },
  );
  const comment: 'Closed by visitor' = closed.comment;
  const survey: Body<'/api/v1/livechat/room.survey', 'post'> = {
    rid,
    token,
    data: [
      { name: 'satisfaction', value: '5' },
      { name: 'additionalFeedback', value: comment },
    ],
  };
  return call<SurveyResult>(`${base}/api/v1/livechat/room.survey`, {
    method: 'POST',
    body: survey,
  });
}

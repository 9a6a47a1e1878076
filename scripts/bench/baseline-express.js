'use strict';
/**
 * Bench server B, the baseline: a minimal Express 5 app doing room.survey's work with the MongoDB
 * driver, with what a production Express service usually carries (helmet, a 1mb body limit,
 * pino-http request logging at level info, configured as the service's: the same line, request
 * id and serializers, so that both write the same log). It shows what the service's NestJS and Mongoose
 * layers cost over a plain Express app. Configured by the service's own variables (PORT,
 * MONGODB_URI, ...); logs go to stdout, which the bench sends to a file.
 */
const express = require('express');
const helmet = require('helmet');
const { ROUTE, createSurveyHandler, dist, httpFailure } = require('./survey-handler');

const { accessLog, rootLogger } = dist('logging/logging.module');

function send(res, { status, body }) {
  // As the service answers: Content-Type without a charset parameter (res.set would add one).
  res.status(status).setHeader('Content-Type', 'application/json');
  res.send(body);
}

async function main() {
  const survey = await createSurveyHandler(process.env);
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(helmet());
  app.use(accessLog(rootLogger('info')));
  app.post(ROUTE, express.raw({ type: () => true, limit: '1mb' }), async (req, res) => {
    send(res, await survey.handle(req.headers['content-type'], req.body));
  });
  const notFound = { status: 404, body: Buffer.from('{"success":false,"error":"Not found"}') };
  app.use((req, res) => send(res, notFound));
  // Express 5 needs all four parameters to recognise an error handler.
  app.use((error, req, res, _next) => send(res, httpFailure(error)));
  app.listen(survey.port, () => console.log(`baseline-express listening on ${survey.port}`));
}

// Exit through Node's exit path on SIGTERM (the bench's stop), so that --cpu-prof writes.
process.once('SIGTERM', () => process.exit(0));

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

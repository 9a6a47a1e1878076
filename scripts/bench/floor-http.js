'use strict';
/**
 * Bench server C, the floor: a bare node:http server doing room.survey's work with the MongoDB
 * driver and nothing else (no middleware, no logging, no body limit). No service on this stack
 * can be faster; it shows how much of a request's time is the database's. Configured by the
 * service's own variables (PORT, MONGODB_URI, ...).
 */
const { createServer } = require('node:http');
const { ROUTE, createSurveyHandler } = require('./survey-handler');

function send(res, { status, body }) {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': body.length });
  res.end(body);
}

async function main() {
  const survey = await createSurveyHandler(process.env);
  const server = createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== ROUTE) {
      req.resume();
      return send(res, { status: 404, body: Buffer.from('{"success":false,"error":"Not found"}') });
    }
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      survey
        .handle(req.headers['content-type'], Buffer.concat(chunks))
        .then((answer) => send(res, answer));
    });
  });
  server.listen(survey.port, () => console.log(`floor-http listening on ${survey.port}`));
}

// Exit through Node's exit path on SIGTERM (the bench's stop), so that --cpu-prof writes.
process.once('SIGTERM', () => process.exit(0));

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

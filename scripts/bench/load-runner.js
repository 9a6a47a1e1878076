'use strict';
/**
 * One load run, in its own process so that the load generator's work is not counted in the
 * orchestrator (nor the orchestrator's in the load). Usage: node load-runner.js <config.json>
 * Config: {url, connections, durationSec, timeoutSec, contentType, bodies: string[]}. Requests
 * are POSTs; with several bodies, each request takes the next one (round robin over all the
 * connections), so writes spread over the seeded rooms. Prints one JSON line: the result.
 */
const { readFileSync } = require('node:fs');
const autocannon = require('autocannon');

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const { bodies } = config;
let next = 0;

const request = {
  method: 'POST',
  headers: { 'content-type': config.contentType },
  body: bodies[0],
};
if (bodies.length > 1) {
  request.setupRequest = (req) => ({ ...req, body: bodies[next++ % bodies.length] });
}

autocannon(
  {
    url: config.url,
    connections: config.connections,
    duration: config.durationSec,
    timeout: config.timeoutSec,
    requests: [request],
  },
  (error, result) => {
    if (error) {
      console.error(error);
      process.exit(1);
    }
    const statusCodes = {};
    for (const [code, { count }] of Object.entries(result.statusCodeStats)) {
      statusCodes[code] = count;
    }
    const { p50, p97_5, p99, max } = result.latency;
    console.log(
      JSON.stringify({
        requestsPerSec: result.requests.average,
        total: result.requests.total,
        latencyMs: { p50, p97_5, p99, max },
        errors: result.errors,
        timeouts: result.timeouts,
        statusCodes,
      }),
    );
  },
);

// A room.closed receiver, with no dependency: verifies each delivery's Standard Webhooks
// signature, drops repeats (by webhook-id), and "sends" the room's survey link on another
// channel (here: prints it; a WhatsApp, SMS or e-mail sender goes in sendLink).
//
//   WEBHOOK_SECRET=whsec_... PORT=8787 node scripts/examples/room-closed-receiver.js
const { createHmac, timingSafeEqual } = require('node:crypto');
const { createServer } = require('node:http');

const secret = Buffer.from((process.env.WEBHOOK_SECRET ?? '').replace(/^whsec_/, ''), 'base64');
const TOLERANCE_S = 5 * 60;
const seen = new Set();

/** True when one of the `v1,<base64>` signatures is this body's, signed within 5 minutes. */
function verified(headers, body) {
  const id = headers['webhook-id'];
  const timestamp = Number(headers['webhook-timestamp']);
  if (!id || !Number.isInteger(timestamp)) return false;
  if (Math.abs(Date.now() / 1000 - timestamp) > TOLERANCE_S) return false;
  const expected = createHmac('sha256', secret).update(`${id}.${timestamp}.${body}`).digest();
  return String(headers['webhook-signature'] ?? '')
    .split(' ')
    .some((signature) => {
      const given = Buffer.from(signature.replace(/^v1,/, ''), 'base64');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
}

function sendLink({ rid, agent, surveyUrl }) {
  if (!surveyUrl)
    return console.log(`room ${rid} closed: no survey link (answered, or no PUBLIC_URL)`);
  const who = agent?.name ?? agent?.username ?? 'our team';
  console.log(`room ${rid} closed: "How did ${who} do? ${surveyUrl}"`);
}

createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString();
    if (!verified(req.headers, body)) return res.writeHead(401).end();
    // At-least-once delivery: a repeat of a webhook-id was handled already.
    const id = req.headers['webhook-id'];
    if (!seen.has(id)) {
      seen.add(id);
      const event = JSON.parse(body);
      if (event.type === 'room.closed') sendLink(event.data);
    }
    res.writeHead(204).end();
  });
}).listen(Number(process.env.PORT ?? 8787), () =>
  console.log(`room.closed receiver on port ${process.env.PORT ?? 8787}`),
);

import { Agent, request, type OutgoingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { mongo } from 'mongoose';
import { BACKGROUND } from '../../../src/webhooks/webhook.schema';

export interface RawRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** Sent byte for byte: no normalisation, no re-encoding. */
  path: string;
  /** No Content-Type header when undefined. */
  contentType?: string;
  body?: string;
}

export interface RawResponse {
  status: number;
  contentType: string | undefined;
  text: string;
}

/**
 * A plain HTTP client for the listening app. supertest would add a content type to a string
 * body and normalise the URL; a fuzzer must send exactly what it generated.
 */
export function rawClient(server: Server) {
  const { port } = server.address() as AddressInfo;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  return {
    send(req: RawRequest): Promise<RawResponse> {
      const body = req.body === undefined ? undefined : Buffer.from(req.body, 'utf8');
      const headers: OutgoingHttpHeaders = {};
      if (req.contentType !== undefined) headers['content-type'] = req.contentType;
      if (body) headers['content-length'] = body.length;
      return new Promise((resolve, reject) => {
        const sent = request(
          { host: '127.0.0.1', port, method: req.method, path: req.path, headers, agent },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('error', reject);
            res.on('end', () =>
              resolve({
                status: res.statusCode!,
                contentType: res.headers['content-type'],
                text: Buffer.concat(chunks).toString('utf8'),
              }),
            );
          },
        );
        sent.on('error', reject);
        sent.end(body);
      });
    },
    close: () => agent.destroy(),
  };
}

const WRITES = new Set(['insert', 'update', 'delete', 'findAndModify']);

/**
 * Counts the database commands the service sends, and the documents its writes touched (from
 * the server's replies), so that a rejected request can be shown to have written nothing.
 */
export function watchDatabase(client: mongo.MongoClient) {
  const seen = { commands: 0, written: 0 };
  // The webhooks' dispatcher and hook count poll beside requests (marked by their comment).
  const background = new Set<number>();
  client.on('commandStarted', (event) => {
    if (event.command.comment === BACKGROUND.comment) background.add(event.requestId);
    else seen.commands++;
  });
  client.on('commandFailed', (event) => background.delete(event.requestId));
  client.on('commandSucceeded', (event) => {
    if (background.delete(event.requestId)) return;
    if (!WRITES.has(event.commandName)) return;
    const reply = event.reply as { n?: number; lastErrorObject?: { n?: number } };
    seen.written += reply.n ?? reply.lastErrorObject?.n ?? 0;
  });
  return {
    /** What happened since the last call. */
    take(): { commands: number; written: number } {
      const taken = { ...seen };
      seen.commands = 0;
      seen.written = 0;
      return taken;
    },
  };
}

import { createConnection, createServer, type AddressInfo, type Socket } from 'node:net';
import { BSON } from 'mongodb';

const OP_MSG = 2013;

/** A command as the driver sent it: its name and the collection it names. */
export type CommandMatch = (command: string, collection: unknown) => boolean;

/** The command of one wire message (OP_MSG, its body section), or null for anything else. */
function commandOf(
  message: Buffer,
): { name: string; collection: unknown; body: Record<string, unknown> } | null {
  if (message.readInt32LE(12) !== OP_MSG) return null;
  let offset = 20;
  while (offset < message.length) {
    const kind = message[offset];
    const size = message.readInt32LE(offset + 1);
    if (kind === 0) {
      const body = BSON.deserialize(message.subarray(offset + 1, offset + 1 + size));
      const name = Object.keys(body)[0];
      return { name, collection: body[name], body };
    }
    offset += 1 + size;
  }
  return null;
}

/**
 * A TCP proxy in front of a database server that the test controls, and what the database sees of
 * its clients: the name of every command they send (`commands`) and their open connections.
 * `cutBefore` lets every command through until the first one `match` accepts, which never reaches
 * the database; from then on every connection is dropped and new ones refused, until `restore`.
 * So a test cuts the database at an exact point between two writes of one request.
 */
export async function startDatabaseProxy(target: { host: string; port: number }) {
  const sockets = new Set<Socket>();
  const clients = new Set<Socket>();
  const commands: string[] = [];
  const bodies: Record<string, unknown>[] = [];
  let cut = false;
  let armed: { match: CommandMatch; done: () => void } | null = null;

  const dropAll = () => {
    for (const socket of sockets) socket.destroy();
    sockets.clear();
  };
  const server = createServer((client) => {
    if (cut) {
      client.destroy();
      return;
    }
    const upstream = createConnection(target);
    sockets.add(client).add(upstream);
    clients.add(client);
    client.on('close', () => clients.delete(client));
    let pending = Buffer.alloc(0);
    client.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 4 && pending.length >= pending.readInt32LE(0)) {
        const message = pending.subarray(0, pending.readInt32LE(0));
        pending = pending.subarray(message.length);
        const command = commandOf(message);
        if (command) commands.push(command.name);
        if (command) bodies.push(command.body);
        if (armed && command && armed.match(command.name, command.collection)) {
          cut = true;
          armed.done();
          armed = null;
          return dropAll();
        }
        upstream.write(message);
      }
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    for (const [socket, other] of [
      [client, upstream],
      [upstream, client],
    ]) {
      socket.on('error', () => other.destroy());
      socket.on('close', () => {
        sockets.delete(socket);
        other.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    /** A connection string to database `dbName` through the proxy. */
    uri: (dbName: string) => `mongodb://127.0.0.1:${port}/${dbName}`,
    /** Every command's name, in the order the clients sent them. */
    commands,
    /** Every command as sent (its body section), in the same order. */
    bodies,
    /** Client connections not closed yet. */
    openConnections: () => clients.size,
    /** Resolves once a command `match` accepts has been held back and the database cut. */
    cutBefore: (match: CommandMatch) =>
      new Promise<void>((done) => {
        armed = { match, done };
      }),
    restore: () => {
      cut = false;
      armed = null;
    },
    close: () =>
      new Promise<void>((resolve) => {
        dropAll();
        server.close(() => resolve());
      }),
  };
}

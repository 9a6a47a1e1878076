import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/** The wire protocol's OP_MSG: how the driver sends every command. */
const OP_MSG = 2013;
const HEADER_BYTES = 16;

/**
 * The name of an OP_MSG's command: the first key of its body (after the header, the flag bits and
 * the section kind byte comes the BSON document: its length, the element's type, then its name).
 */
function commandName(message: Buffer): string {
  const name = HEADER_BYTES + 4 + 1 + 4 + 1;
  return message.subarray(name, message.indexOf(0, name)).toString();
}

/**
 * A TCP proxy on 127.0.0.1 in front of a database on `port`: what the database sees of its
 * clients. Records the name of every command they send, and their open connections.
 */
export async function startDatabaseProxy(port: number) {
  const commands: string[] = [];
  const open = new Set<Socket>();
  const server = createServer((client) => {
    open.add(client);
    const upstream = connect(port, '127.0.0.1');
    let unread = Buffer.alloc(0);
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      unread = Buffer.concat([unread, chunk]);
      while (unread.length >= HEADER_BYTES && unread.length >= unread.readInt32LE(0)) {
        const length = unread.readInt32LE(0);
        if (unread.readInt32LE(12) === OP_MSG) commands.push(commandName(unread));
        unread = unread.subarray(length);
      }
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    client.on('close', () => {
      open.delete(client);
      upstream.destroy();
    });
    upstream.on('close', () => client.destroy());
    client.on('error', () => undefined);
    upstream.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    uri: `mongodb://127.0.0.1:${(server.address() as AddressInfo).port}`,
    commands,
    /** Client connections not closed yet. */
    openConnections: () => open.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

import { mongo } from 'mongoose';

/**
 * A MongoDB driver (7.8–7.9.1) defect that left the service answering 503 for good after its
 * database restarted, after 1 restart in 4 to 9 (test/faults).
 *
 * When a server closes a connection, Node destroys the socket once both sides have ended and
 * emits 'close' only on a later tick. The driver marks its connection closed on 'close'; a
 * command written in between (the server monitor's immediate re-check after the pool was
 * cleared, typically) gets `socket.write() === false` with neither 'drain' nor 'error' ever to
 * follow, and the driver awaits 'drain' forever. A wedged monitor never reports the server
 * again: every server selection fails, whatever the database does. Here such a write fails at
 * once as the network error it is, which the driver handles as it does any closed connection.
 */
interface DriverConnection {
  socket: { destroyed: boolean };
  id: number | string;
  address: string;
  onError(error: Error): void;
  writeCommand: (this: DriverConnection, ...args: unknown[]) => Promise<void>;
}

const PATCHED = Symbol.for('livechat-survey.writeCommandOnDestroyedSocket');

export function failWritesOnDestroyedSockets(): void {
  // The driver copy that mongoose itself loads, resolved from mongoose's own location.
  const path = require.resolve('mongodb/lib/cmap/connection', {
    paths: [require.resolve('mongoose')],
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Connection } = require(path) as {
    Connection?: { prototype: DriverConnection & { [PATCHED]?: true } };
  };
  const proto = Connection?.prototype;
  if (!proto || typeof proto.writeCommand !== 'function') {
    throw new Error(
      'mongodb driver: Connection.prototype.writeCommand not found (driver changed?)',
    );
  }
  if (proto[PATCHED]) return;
  const writeCommand = proto.writeCommand;
  proto.writeCommand = function (this: DriverConnection, ...args: unknown[]) {
    if (this.socket.destroyed) {
      const error = new mongo.MongoNetworkError(`connection ${this.id} to ${this.address} closed`);
      this.onError(error);
      return Promise.reject(error);
    }
    return writeCommand.apply(this, args);
  };
  proto[PATCHED] = true;
}

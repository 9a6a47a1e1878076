import { connect, createServer, type Server, type Socket } from 'node:net';
import { mongo } from 'mongoose';
import { failWritesOnDestroyedSockets } from './driver-socket-race';

type DriverConnection = {
  command(ns: unknown, cmd: object, options: object): Promise<unknown>;
  closed: boolean;
};

// The driver's own connection class (the copy mongoose loads), driven over a real socket.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const driver = require(
  require.resolve('mongodb/lib/cmap/connection', { paths: [require.resolve('mongoose')] }),
) as { Connection: new (socket: Socket, options: object) => DriverConnection };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ns } = require(
  require.resolve('mongodb/lib/utils', { paths: [require.resolve('mongoose')] }),
) as { ns: (name: string) => unknown };

describe('a command written on a connection the server has just closed', () => {
  let server: Server;
  beforeAll(async () => {
    failWritesOnDestroyedSockets();
    // A server that closes every connection at once, as a database does when it stops.
    server = createServer((socket) => socket.end());
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  });
  afterAll(() => new Promise((done) => server.close(done)));

  it('fails at once as a network error (the driver alone waits forever)', async () => {
    const socket = connect((server.address() as { port: number }).port, '127.0.0.1');
    const connection = new driver.Connection(socket, { id: 7, socketTimeoutMS: 500 });
    // The window: Node has destroyed the socket after both ends closed, 'close' is still to come.
    await new Promise<void>((done) => {
      const wait = () => (socket.destroyed ? done() : setImmediate(wait));
      socket.once('end', wait);
    });
    expect(connection.closed).toBe(false);
    let timer: NodeJS.Timeout | undefined;
    const result = await Promise.race([
      connection.command(ns('admin.$cmd'), { hello: 1 }, { socketTimeoutMS: 500 }).then(
        () => 'answered',
        (error: Error) => error,
      ),
      new Promise((done) => (timer = setTimeout(() => done('still waiting after 2 s'), 2000))),
    ]);
    clearTimeout(timer);
    socket.destroy();
    expect(result).toBeInstanceOf(mongo.MongoNetworkError);
    expect((result as Error).message).toMatch(/^connection 7 to \S+ closed$/);
  });
});

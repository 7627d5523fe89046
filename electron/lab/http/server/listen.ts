import { createServer, type Server, type Socket } from 'node:net';

/** Binds loopback only, as every listener of the lab does; port 0 takes an ephemeral one. */
export function listenLoopback(port: number, onSocket: (socket: Socket) => void): Promise<Server> {
  // allowHalfOpen: a client that sends its requests and shuts down its side still gets every answer.
  const server = createServer({ allowHalfOpen: true, noDelay: true }, onSocket);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

export const portOf = (server: Server): number => {
  const address = server.address();
  return typeof address === 'object' && address !== null ? address.port : 0;
};

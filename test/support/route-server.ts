/**
 * A real HTTP server for an Embark route handler (`(req, res) => Promise<boolean>`), the way
 * `probot run` mounts one: listening first, so the route can be built with its public address,
 * and answering 404 for what the route does not handle.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RouteServer {
  server: Server;
  /** `http://127.0.0.1:<port>`. */
  base: string;
  /** Serve `route` from now on. */
  use(route: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>): void;
  close(): Promise<void>;
}

export async function listenForRoutes(): Promise<RouteServer> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    use(route) {
      server.on('request', (req, res) => {
        void route(req, res).then((handled) => {
          if (!handled) {
            res.writeHead(404);
            res.end('not ours');
          }
        });
      });
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

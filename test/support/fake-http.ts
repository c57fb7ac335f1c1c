/** Call a `(req, res) => Promise<boolean>` route the way Probot's server would, and read what it answered. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export type Route = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

export async function callRoute(route: Route, method: string, url: string, auth?: string) {
  let status = 0;
  let body = '';
  const res = {
    writeHead: (s: number) => {
      status = s;
    },
    end: (b: string) => {
      body = b;
    },
  } as unknown as ServerResponse;
  const req = { method, url, headers: auth ? { authorization: auth } : {} } as IncomingMessage;
  const handled = await route(req, res);
  return { handled, status, body: body ? JSON.parse(body) : null };
}

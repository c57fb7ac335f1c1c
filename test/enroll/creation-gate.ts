/**
 * A pass-through HTTP proxy in front of the GitHub double that lets a set number of issue
 * creations through and holds the next ones, unanswered, until the test releases them. A CLI
 * pointed at it (`--api-url`) is then stopped at a known row, whatever the speed of the machine:
 * the test waits for the hold, not for time to pass.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CreationGate {
  /** The API URL to give the CLI (the double's, through the gate). */
  apiUrl: string;
  /** Creations forwarded so far. */
  readonly passed: number;
  /** Creations waiting for {@link release}. */
  readonly held: number;
  /** Resolves once a creation is being held. */
  whenHeld(): Promise<void>;
  /** Forward the held creations and every later one. */
  release(): void;
  close(): Promise<void>;
}

const CREATE_ISSUE = /\/repos\/[^/]+\/[^/]+\/issues$/;

/** Pass `pass` issue creations through to the double at `target` (its `apiUrl`), hold the rest. */
export async function startCreationGate(target: string, pass: number): Promise<CreationGate> {
  const upstream = new URL(target);
  let passed = 0;
  let open = false;
  const held: Array<() => void> = [];
  const heldWaiters: Array<() => void> = [];

  const forward = (req: IncomingMessage, body: Buffer, res: ServerResponse) => {
    const out = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host }, agent: false },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on('error', (error) => res.destroy(error));
    out.end(body);
  };

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const creation = req.method === 'POST' && CREATE_ISSUE.test(new URL(req.url ?? '/', 'http://gate').pathname);
    if (!creation || open || passed < pass) {
      if (creation) passed += 1;
      forward(req, body, res);
      return;
    }
    held.push(() => {
      passed += 1;
      forward(req, body, res);
    });
    for (const wake of heldWaiters.splice(0)) wake();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    apiUrl: `http://127.0.0.1:${port}${upstream.pathname.replace(/\/+$/, '')}`,
    get passed() {
      return passed;
    },
    get held() {
      return held.length;
    },
    whenHeld: () => (held.length > 0 ? Promise.resolve() : new Promise<void>((resolve) => heldWaiters.push(resolve))),
    release() {
      open = true;
      for (const send of held.splice(0)) send();
    },
    async close() {
      const closed = once(server, 'close');
      server.close();
      server.closeAllConnections();
      await closed;
    },
  };
}

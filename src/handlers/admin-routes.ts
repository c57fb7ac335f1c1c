/**
 * Routes for whoever runs Embark: readiness (`GET /embark/ready`, for load balancers and
 * orchestrators; Probot's own `GET /ping` is liveness) and the job queue (`GET /embark/jobs`,
 * `POST /embark/jobs/retry[?id=]`, bearer `EMBARK_SWEEP_TOKEN`).
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JobQueue } from '../jobs/job.js';

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Constant-time check of `Authorization: Bearer <token>`. */
export function bearerMatches(req: IncomingMessage, token: string): boolean {
  const auth = req.headers.authorization ?? '';
  if (!auth.startsWith('Bearer ')) return false;
  const a = Buffer.from(auth.slice(7));
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function adminRoutes(queue: JobQueue, token: string | undefined) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = new URL(req.url ?? '/', 'http://embark.local');
    if (url.pathname === '/embark/ready') {
      const ready = await queue.ready();
      sendJson(res, ready ? 200 : 503, { ready, queue: queue.kind, pending: ready ? await queue.pending() : null });
      return true;
    }
    if (url.pathname !== '/embark/jobs' && url.pathname !== '/embark/jobs/retry') return false;
    if (!token) sendJson(res, 404, { error: 'job routes disabled: set EMBARK_SWEEP_TOKEN' });
    else if (!bearerMatches(req, token)) sendJson(res, 401, { error: 'bad or missing bearer token' });
    else if (url.pathname === '/embark/jobs' && req.method === 'GET') {
      sendJson(res, 200, { queue: queue.kind, pending: await queue.pending(), failed: await queue.failed() });
    } else if (url.pathname === '/embark/jobs/retry' && req.method === 'POST') {
      sendJson(res, 200, { retried: await queue.retryFailed(url.searchParams.get('id') ?? undefined) });
    } else sendJson(res, 405, { error: 'GET /embark/jobs or POST /embark/jobs/retry' });
    return true;
  };
}

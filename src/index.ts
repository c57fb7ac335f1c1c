/**
 * Probot entry: registers handlers, nothing else. Do not add logic here.
 */
import type { Probot } from 'probot';

export default function embark(app: Probot): void {
  app.log.info('Embark loaded');
}

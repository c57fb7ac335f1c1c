/**
 * GitHub Action entry (`run/action.yml`): Embark in a workflow, with the workflow's token and no
 * app or server. Reads the environment once and hands over to `app/action.ts`. Do not add logic here.
 */
import { runAction } from './app/action.js';

process.exitCode = await runAction({ env: process.env });

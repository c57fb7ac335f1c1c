/**
 * What happened, as the core sees it. Handlers turn webhook payloads into these; the sweep and
 * commands use `{ type: 'recompute' }` after changing stored state themselves.
 */
export interface CheckboxChange {
  text: string;
  from: boolean | null;
  to: boolean | null;
}

export type ProgressEvent =
  | { type: 'edited'; issue: number; actor: string; at: string; changes: CheckboxChange[] }
  | { type: 'closed'; issue: number; actor: string; at: string }
  | { type: 'reopened'; issue: number; actor: string; at: string }
  | { type: 'removed'; issue: number; actor: string; at: string; how: 'deleted' | 'transferred' }
  | { type: 'recompute' };

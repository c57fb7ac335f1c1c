/**
 * Changing the items of a checklist people work in, for a template upgrade: insert new items,
 * reword items in place, and mark items the template dropped. Every edit names its items by text
 * (as `readTasks` gives it, role marker included, and which occurrence of that text), never by an
 * offset from an earlier read, so the body can be re-read right before writing: a box ticked
 * meanwhile keeps its tick, because no edit touches a checkbox. Everything else in the body stays
 * byte for byte.
 */
import { endOf } from './mdast.js';
import { collectListItems, isTask, type ListEntry } from './list-items.js';
import { parseMarkdown } from './mdast.js';
import { normaliseText } from './normalise.js';

/** A task by its text as written (role marker included) and how many tasks with that text come before it. */
export interface TaskAnchor {
  text: string;
  occurrence: number;
}

/**
 * - `insert`: new unticked tasks (texts as written after `[ ] `) after `after`'s item (and its
 *   nested items), or before the first task when `after` is null;
 * - `reword`: the task's text replaced, its box left as it is;
 * - `retire`: `suffix` written after the task's text (kept when already there).
 */
export type ChecklistEdit =
  | { kind: 'insert'; after: TaskAnchor | null; texts: string[] }
  | { kind: 'reword'; target: TaskAnchor; text: string }
  | { kind: 'retire'; target: TaskAnchor; suffix: string };

export interface EditOutcome {
  body: string;
  /** Rewords and marks whose task is no longer in the body (an insert always lands somewhere). */
  missed: ChecklistEdit[];
}

type Task = ListEntry & { checked: boolean; checkboxOffset: number };

function find(tasks: Task[], anchor: TaskAnchor): Task | undefined {
  const wanted = normaliseText(anchor.text);
  return tasks.filter((t) => normaliseText(t.text) === wanted)[anchor.occurrence];
}

const lineStart = (body: string, at: number) => body.lastIndexOf('\n', at - 1) + 1;

/** Applies `edits` to `body` (all found in one read of it); see the module comment. */
export function editChecklist(body: string, edits: readonly ChecklistEdit[]): EditOutcome {
  if (edits.length === 0) return { body, missed: [] };
  const { doc } = parseMarkdown(body);
  const tasks = doc ? (collectListItems(doc).filter(isTask) as Task[]) : [];
  const eol = body.includes('\r\n') ? '\r\n' : '\n';
  const splices: Array<{ at: number; end: number; text: string; order: number }> = [];
  const missed: ChecklistEdit[] = [];
  const textEnd = (t: Task) => (t.paragraph && doc ? endOf(doc, t.paragraph) : body.indexOf('\n', t.checkboxOffset) === -1 ? body.length : body.indexOf('\n', t.checkboxOffset));
  // Where new tasks go when there is no anchor, and the prefix they are written with.
  const prefixOf = (t: Task) => body.slice(lineStart(body, t.checkboxOffset), t.checkboxOffset - 1);
  edits.forEach((edit, order) => {
    if (edit.kind === 'insert') {
      if (edit.texts.length === 0) return;
      const anchor = edit.after ? find(tasks, edit.after) : undefined;
      const last = tasks.at(-1);
      const first = tasks[0];
      if (anchor || (edit.after && last)) {
        // After the anchor's item, nested items included; an anchor gone since: after the last task.
        const base = anchor ?? last!;
        const prefix = prefixOf(base);
        splices.push({ at: base.endOffset, end: base.endOffset, text: edit.texts.map((t) => `${eol}${prefix}[ ] ${t}`).join(''), order });
      } else if (first) {
        const at = lineStart(body, first.checkboxOffset);
        splices.push({ at, end: at, text: edit.texts.map((t) => `${prefixOf(first)}[ ] ${t}${eol}`).join(''), order });
      } else {
        // No task at all: before Embark's Owners line (a stage issue), else at the end.
        const owners = /^\*\*Owners:\*\*/m.exec(body);
        const lines = edit.texts.map((t) => `- [ ] ${t}${eol}`).join('');
        if (owners) splices.push({ at: owners.index, end: owners.index, text: `${lines}${eol}`, order });
        else splices.push({ at: body.length, end: body.length, text: `${body.endsWith('\n') || body === '' ? '' : eol}${lines}`, order });
      }
      return;
    }
    const task = find(tasks, edit.target);
    if (!task) {
      missed.push(edit);
      return;
    }
    const end = textEnd(task);
    if (edit.kind === 'reword') splices.push({ at: task.checkboxOffset + 2, end, text: ` ${edit.text}`, order });
    else if (!body.slice(task.checkboxOffset, end).endsWith(edit.suffix)) splices.push({ at: end, end, text: edit.suffix, order });
  });
  // From the end backwards, so earlier offsets stay true; at one place, in the order given.
  splices.sort((a, b) => b.at - a.at || b.order - a.order);
  let out = body;
  for (const s of splices) out = out.slice(0, s.at) + s.text + out.slice(s.end);
  return { body: out, missed };
}

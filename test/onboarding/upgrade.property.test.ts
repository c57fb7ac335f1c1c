/**
 * Whatever the new version of the template does (items added, dropped, reworded, moved; stages
 * added, dropped, renamed, renumbered) and wherever the onboarding stands, an upgrade never
 * unticks or drops a ticked item, never removes a task, and a second upgrade finds nothing to do.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readTasks } from '../../src/checklist/index.js';
import { at, edit, startedWorld, step, TEMPLATE } from './fixture.js';
import { ticked, upgrade } from './upgrade-world.js';
import { parseTemplate } from '../../src/template/index.js';

type Model = Array<{ title: string; items: Array<{ role: string; text: string }> }>;

const V1: Model = [
  { title: 'Agreement', items: [{ role: 'CSM', text: 'Signed agreement received' }] },
  { title: 'Access', items: [{ role: 'Engineer', text: 'Admin access granted' }, { role: 'CSM', text: 'Portal access enabled' }, { role: 'Engineer', text: 'Nice to have: dark mode' }] },
  { title: 'Setup', items: [{ role: 'Engineer', text: 'Monitoring enabled' }, { role: 'Engineer', text: 'Backups configured' }] },
];

const WORDS = ['invoice', 'tenant', 'budget', 'portal', 'welcome call', 'backup policy', 'alerting', 'licences', 'audit', 'handover'];

/** One change to the checklist, drawn from the seed. */
const change = fc.oneof(
  fc.record({ op: fc.constant('add' as const), stage: fc.nat(), at: fc.nat(), word: fc.constantFrom(...WORDS) }),
  fc.record({ op: fc.constant('drop' as const), stage: fc.nat(), at: fc.nat() }),
  fc.record({ op: fc.constant('reword' as const), stage: fc.nat(), at: fc.nat(), word: fc.constantFrom(...WORDS) }),
  fc.record({ op: fc.constant('move' as const), stage: fc.nat(), at: fc.nat(), to: fc.nat() }),
  fc.record({ op: fc.constant('owner' as const), stage: fc.nat(), at: fc.nat() }),
  fc.record({ op: fc.constant('insertStage' as const), at: fc.nat(), word: fc.constantFrom(...WORDS) }),
  fc.record({ op: fc.constant('dropStage' as const), stage: fc.nat() }),
  fc.record({ op: fc.constant('rename' as const), stage: fc.nat(), word: fc.constantFrom(...WORDS) }),
);

type Change = { op: string; stage?: number; at?: number; to?: number; word?: string };

function mutate(model: Model, changes: Change[]): Model {
  const m: Model = structuredClone(model);
  for (const c of changes) {
    const s = m.length === 0 ? null : m[(c.stage ?? 0) % m.length]!;
    const pick = (list: unknown[]) => (list.length === 0 ? -1 : (c.at ?? 0) % list.length);
    if (c.op === 'add' && s) s.items.splice(pick([...s.items, null]), 0, { role: 'CSM', text: `Check the ${c.word}` });
    else if (c.op === 'drop' && s && s.items.length > 1) s.items.splice(pick(s.items), 1);
    else if (c.op === 'reword' && s && s.items.length > 0) s.items[pick(s.items)]!.text += ` and the ${c.word}`;
    else if (c.op === 'owner' && s && s.items.length > 0) s.items[pick(s.items)]!.role = 'Sales';
    else if (c.op === 'move' && s && s.items.length > 1) {
      const [item] = s.items.splice(pick(s.items), 1);
      m[(c.to ?? 0) % m.length]!.items.push(item!);
    } else if (c.op === 'insertStage' && m.length < 6) m.splice((c.at ?? 0) % (m.length + 1), 0, { title: `Review of the ${c.word}`, items: [{ role: 'CSM', text: `Review the ${c.word}` }] });
    else if (c.op === 'dropStage' && m.length > 1) m.splice((c.stage ?? 0) % m.length, 1);
    else if (c.op === 'rename' && s) s.title = `${s.title} and ${c.word}`;
  }
  return m;
}

function render(model: Model): string {
  const head = TEMPLATE.slice(0, TEMPLATE.indexOf('### Stage 0')).replace('about: v2026.11', 'about: v2027.01');
  return head + model.map((s, i) => `### Stage ${i}: ${s.title}\n${s.items.map((it) => `- [ ] ${it.role} >> ${it.text}`).join('\n')}\n`).join('\n');
}

const taskCounts = (world: ReturnType<typeof startedWorld>) => new Map(world.snapshot.stageIssues.map((i) => [i.number, readTasks(i.body).length]));

describe('template upgrade properties', () => {
  it('never unticks or drops a ticked item, never removes a task, and converges', () => {
    fc.assert(
      fc.property(fc.array(change, { minLength: 1, maxLength: 6 }), fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), (changes, ticks) => {
        const world = startedWorld();
        // Tick some of the v1 items (stages whose items are all ticked complete).
        const all = V1.flatMap((s, si) => s.items.map((it) => ({ issue: 2 + si, text: it.text })));
        all.forEach((item, i) => {
          if (ticks[i]) step(world, edit(world, item.issue, [item.text], true, { at: at(i + 1) }), at(i + 1));
        });
        const beforeTicked = ticked(world);
        const beforeTasks = taskCounts(world);
        const parsed = parseTemplate(render(mutate(V1, changes)), { file: '.github/ISSUE_TEMPLATE/msp.md' });
        expect(parsed.ok).toBe(true);
        const closed = world.state.completedAt !== null;
        const replies = upgrade(world, '/upgrade\n/upgrade confirm', parsed.template!, { now: at(20) });
        if (closed) {
          // Every stage done before: an upgrade is refused and changes nothing.
          expect(replies.every((r) => !r.ok && /this onboarding is closed/.test(r.text))).toBe(true);
          expect(ticked(world)).toEqual(beforeTicked);
          return;
        }
        const afterTicked = ticked(world);
        for (const [issue, texts] of beforeTicked) {
          const now = afterTicked.get(issue) ?? [];
          expect(now.length).toBeGreaterThanOrEqual(texts.length);
          // A ticked item is still there ticked, or was reworded (then a new ticked text stands in for it).
          const missing = texts.filter((t) => !now.includes(t));
          const fresh = now.filter((t) => !texts.includes(t));
          expect(fresh.length).toBeGreaterThanOrEqual(missing.length);
        }
        for (const [issue, count] of beforeTasks) expect(taskCounts(world).get(issue)).toBeGreaterThanOrEqual(count);
        expect(replies.every((r) => r.ok || /Already up to date/.test(r.text))).toBe(true);
        // Again: nothing to do (or, when the upgrade let the last stage finish, nothing to upgrade).
        const again = upgrade(world, '/upgrade', parsed.template!, { now: at(21) })[0]!.text;
        expect(again).toMatch(world.state.completedAt ? /this onboarding is closed/ : /Already up to date/);
      }),
      { numRuns: 60, seed: 20270101 },
    );
  });
});

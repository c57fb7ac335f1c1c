/**
 * A stage without the items whose `when:` does not hold for this customer (pure): their lines,
 * with the lines nested under them, are cut from the stage's markdown as written, so the stage
 * issue holds only what applies. Everything else stays byte for byte.
 */
import type { TemplateStage } from './model.js';

/** Leading spaces of a line (a tab counts as four). */
const indentOf = (line: string) => /^[ \t]*/.exec(line)![0].replace(/\t/g, '    ').length;

/**
 * `stage` without the items in `drop` (ids). `body` is the text the stage was parsed from (its
 * items' checkbox offsets count in it). Returns the stage unchanged when nothing is dropped.
 */
export function stageWithoutItems(stage: TemplateStage, body: string, drop: ReadonlySet<string>): TemplateStage {
  const gone = stage.items.filter((i) => drop.has(i.id));
  if (gone.length === 0) return stage;
  const start = body.indexOf(stage.markdown, stage.startOffset);
  if (start < 0) return stage;
  const lines = stage.markdown.split('\n');
  const lineAt = (offset: number) => stage.markdown.slice(0, offset - start).split('\n').length - 1;
  const cut = new Set<number>();
  for (const item of gone) {
    const first = lineAt(item.checkboxOffset);
    if (first < 0 || first >= lines.length) continue;
    const indent = indentOf(lines[first]!);
    cut.add(first);
    // Lines nested under the item (sub-items, continuation text) go with it.
    for (let n = first + 1; n < lines.length && lines[n]!.trim() !== '' && indentOf(lines[n]!) > indent; n++) cut.add(n);
  }
  const removed = new Set(gone.flatMap((i) => [i.id, ...stage.items.filter((c) => cut.has(lineAt(c.checkboxOffset))).map((c) => c.id)]));
  return {
    ...stage,
    markdown: lines.filter((_, n) => !cut.has(n)).join('\n'),
    items: stage.items.filter((i) => !removed.has(i.id)),
  };
}

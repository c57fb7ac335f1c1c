import { describe, expect, it } from '@jest/globals';
import { editChecklist } from '../../src/checklist/edit-checklist.js';
import { readTasks, setCheckbox } from '../../src/checklist/index.js';

const BODY = `<!-- embark:stage {"epic":1,"stage":"stage-1","template":"T"} -->
Part of #1: onboarding of **Contoso**, Stage 1: Access.

- [x] Engineer >> Admin access granted
  - [ ] Engineer >> Nested detail
- [ ] CSM >> Portal access enabled

**Owners:** CSM: @alice · Engineer: @bob
`;

describe('editChecklist', () => {
  it('inserts after an item (past its nested items), rewords in place and marks, keeping every box', () => {
    const { body, missed } = editChecklist(BODY, [
      { kind: 'insert', after: { text: 'Engineer >> Admin access granted', occurrence: 0 }, texts: ['CSM >> Tenant ID recorded', 'CSM >> Budget agreed'] },
      { kind: 'reword', target: { text: 'Engineer >> Admin access granted', occurrence: 0 }, text: 'Engineer >> Admin access granted and tested' },
      { kind: 'retire', target: { text: 'CSM >> Portal access enabled', occurrence: 0 }, suffix: ' *(no longer in the template)*' },
    ]);
    expect(missed).toEqual([]);
    expect(body).toBe(`<!-- embark:stage {"epic":1,"stage":"stage-1","template":"T"} -->
Part of #1: onboarding of **Contoso**, Stage 1: Access.

- [x] Engineer >> Admin access granted and tested
  - [ ] Engineer >> Nested detail
- [ ] CSM >> Tenant ID recorded
- [ ] CSM >> Budget agreed
- [ ] CSM >> Portal access enabled *(no longer in the template)*

**Owners:** CSM: @alice · Engineer: @bob
`);
  });

  it('finds its items in a body ticked since it was planned (the tick stays)', () => {
    const ticked = setCheckbox(BODY, { text: 'CSM >> Portal access enabled' }, true)!.body;
    const { body } = editChecklist(ticked, [{ kind: 'reword', target: { text: 'CSM >> Portal access enabled', occurrence: 0 }, text: 'CSM >> Portal access enabled for two admins' }]);
    expect(readTasks(body).map((t) => [t.text, t.checked])).toContainEqual(['CSM >> Portal access enabled for two admins', true]);
  });

  it('with no anchor inserts before the first task, with its indentation; CRLF bodies stay CRLF', () => {
    const crlf = '### Stage 1\r\n   - [ ] CSM >> One\r\n';
    expect(editChecklist(crlf, [{ kind: 'insert', after: null, texts: ['CSM >> Zero'] }]).body).toBe('### Stage 1\r\n   - [ ] CSM >> Zero\r\n   - [ ] CSM >> One\r\n');
  });

  it('an anchor gone since goes after the last task; a task gone since is reported, not guessed', () => {
    const { body, missed } = editChecklist(BODY, [
      { kind: 'insert', after: { text: 'Gone', occurrence: 0 }, texts: ['CSM >> New'] },
      { kind: 'reword', target: { text: 'Gone', occurrence: 0 }, text: 'x' },
    ]);
    expect(readTasks(body).at(-1)!.text).toBe('CSM >> New');
    expect(missed).toHaveLength(1);
  });

  it('a body without tasks gets them above the Owners line; marking twice marks once', () => {
    const empty = 'Part of #1.\n\n_This stage has no checklist._\n\n**Owners:** none\n';
    expect(editChecklist(empty, [{ kind: 'insert', after: null, texts: ['CSM >> A'] }]).body).toBe('Part of #1.\n\n_This stage has no checklist._\n\n- [ ] CSM >> A\n\n**Owners:** none\n');
    const once = editChecklist(BODY, [{ kind: 'retire', target: { text: 'CSM >> Portal access enabled', occurrence: 0 }, suffix: ' *(x)*' }]).body;
    expect(editChecklist(once, [{ kind: 'retire', target: { text: 'CSM >> Portal access enabled *(x)*', occurrence: 0 }, suffix: ' *(x)*' }]).body).toBe(once);
  });
});

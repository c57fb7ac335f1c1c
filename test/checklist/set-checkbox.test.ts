import { describe, expect, it } from '@jest/globals';
import { setCheckbox } from '../../src/checklist/index.js';

const BODY = '## Stage 1\r\n   - [ ] CSM >> Send the mail\r\n   - [ ] Call\r\n   - [X] Call\r\n';

describe('setCheckbox', () => {
  it('ticks by text, changing one character', () => {
    expect(setCheckbox(BODY, { text: 'csm >>  send the MAIL' }, true)).toEqual({
      body: BODY.replace('- [ ] CSM', '- [x] CSM'),
      changed: true,
    });
  });

  it('finds text without its role marker', () => {
    expect(setCheckbox(BODY, { text: 'Send the mail' }, true)?.changed).toBe(true);
  });

  it('picks the occurrence: how many equal items come before (0-based)', () => {
    expect(setCheckbox(BODY, { text: 'Call', occurrence: 1 }, false)?.body).toBe(BODY.replace('[X]', '[ ]'));
    expect(setCheckbox(BODY, { text: 'Call', occurrence: 2 }, false)).toBeNull();
  });

  it('clears by index', () => {
    expect(setCheckbox(BODY, { index: 2 }, false)?.body).toBe(BODY.replace('[X]', '[ ]'));
  });

  it('leaves the body alone when the box already has that state', () => {
    expect(setCheckbox(BODY, { index: 2 }, true)).toEqual({ body: BODY, changed: false });
  });

  it('returns null for an item that is not there, or only in code', () => {
    expect(setCheckbox(BODY, { text: 'Nope' }, true)).toBeNull();
    expect(setCheckbox('```\n- [ ] hidden\n```', { text: 'hidden' }, true)).toBeNull();
    expect(setCheckbox(BODY, { index: 9 }, true)).toBeNull();
  });
});

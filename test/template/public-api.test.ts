import { expect, it } from '@jest/globals';
import * as checklist from '../../src/checklist/index.js';
import * as template from '../../src/template/index.js';

it('pins the public exports of template/ and checklist/', () => {
  expect(Object.keys(template).sort()).toEqual([
    'DEFAULT_MAX_BYTES',
    'GITHUB_BODY_LIMIT',
    'MAX_STAGES',
    'customerFromAnswers',
    'defaultTemplateSettings',
    'hasPlaceholder',
    'isFormFile',
    'matchTitle',
    'ownersFromAnswers',
    'parseForm',
    'parseIssueBody',
    'parseTemplate',
    'renderTitle',
    'templateSettingsSchema',
    'titlePrefixOf',
  ]);
  expect(Object.keys(checklist).sort()).toEqual([
    'collectListItems',
    'diffTasks',
    'isTask',
    'normaliseText',
    'parseMarkdown',
    'readTasks',
    'setCheckbox',
  ]);
});

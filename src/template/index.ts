/** Pure template engine: onboarding template markdown -> Template model. */

export { MAX_STAGES } from './body.js';
export type * from './model.js';
export { customerFromAnswers, ownersFromAnswers } from './form-answers.js';
export { type FormOptions, isFormFile, parseForm } from './form.js';
export { DEFAULT_MAX_BYTES, GITHUB_BODY_LIMIT, type ParseOptions, parseIssueBody, parseTemplate } from './parse.js';
export { defaultTemplateSettings, type TemplateSettings, templateSettingsSchema } from './settings.js';
export { hasPlaceholder, matchTitle, renderTitle, titlePrefixOf } from './title.js';

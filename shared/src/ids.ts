/** Identifiers both processes agree on. */

export const EXTENSION_ID = 'bulkhead.bulkhead';
/** `source` of every diagnostic. */
export const DIAGNOSTIC_SOURCE = 'bulkhead';
export const OUTPUT_CHANNEL_NAME = 'Bulkhead';
export const SETTINGS_SECTION = 'bulkhead';

export const Commands = {
  restart: 'bulkhead.restart',
  revalidate: 'bulkhead.revalidate',
  showOutputChannel: 'bulkhead.showOutputChannel',
  /** Opens a rule's documentation page; argument: the rule id (the server's code action passes it). */
  showRuleDocumentation: 'bulkhead.showRuleDocumentation',
} as const;

/** Code action kind for `editor.codeActionsOnSave`: applies safe fixes only. */
export const FIX_ALL_KIND = 'source.fixAll.bulkhead';

/** Language ids the server analyses, and the file-name patterns that make a file a Dockerfile. */
export const DOCKERFILE_LANGUAGE_ID = 'dockerfile';
export const COMPOSE_LANGUAGE_ID = 'dockercompose';
export const DOCKERFILE_GLOBS = ['**/Dockerfile', '**/*.Dockerfile', '**/Dockerfile.*', '**/Containerfile', '**/Containerfile.*'] as const;
export const COMPOSE_GLOBS = ['**/compose*.y*ml', '**/docker-compose*.y*ml'] as const;

/** Hardening checklist (issue 7): commands and the tree view in the Bulkhead view container. */
export const ChecklistCommands = {
  show: 'bulkhead.showChecklist',
  scanWorkspace: 'bulkhead.scanWorkspace',
  refresh: 'bulkhead.refreshChecklist',
  exportMarkdown: 'bulkhead.exportChecklistMarkdown',
  exportJson: 'bulkhead.exportChecklistJson',
  confirm: 'bulkhead.confirmChecklistItem',
  /** Internal: opens a file at a line (tree item click). */
  reveal: 'bulkhead.revealChecklistLocation',
} as const;
export const CHECKLIST_VIEW_CONTAINER = 'bulkhead';
export const CHECKLIST_VIEW_ID = 'bulkhead.checklist';

/**
 * The rule contract (docs/architecture.md, style.md §3.2). A rule is metadata plus one
 * `check` over an already-parsed model; it reports problems with exact ranges and optional
 * lazily evaluated fixes and suggestions. Rules do no I/O and never mutate the model.
 */
import type { EditBuilder } from './edits';
import type { DockerfileModel } from './model/dockerfile';
import type { ComposeModel } from './model/compose';
import type { FileKind, Range, Severity, TextEdit } from './types';

export type Category = 'privilege' | 'secrets' | 'supply-chain' | 'network' | 'runtime' | 'filesystem' | 'reliability' | 'hygiene';

/** `safe` fixes may run on save and in fix-all; `unsafe` ones only when the user picks them. */
export type FixSafety = 'safe' | 'unsafe';

export type ToolName = 'hadolint' | 'trivy' | 'checkov' | 'kics' | 'cis' | 'buildkit' | 'dockle' | 'semgrep' | 'dclint';
export const TOOL_NAMES: readonly ToolName[] = ['hadolint', 'trivy', 'checkov', 'kics', 'cis', 'buildkit', 'dockle', 'semgrep', 'dclint'];

export interface ToolReference {
  readonly tool: ToolName;
  readonly id: string;
  /** How closely the other tool's check matches this rule. */
  readonly match: 'same' | 'partial' | 'inspired';
}

export interface RuleMeta<Id extends string> {
  /** Permanent kebab-case id; docs/rules/<id>.md. */
  readonly id: string;
  readonly kind: FileKind;
  /** One line, imperative. */
  readonly title: string;
  readonly severity: Severity;
  readonly category: Category;
  /** Message templates with `{name}` placeholders. */
  readonly messages: Readonly<Record<Id, string>>;
  readonly fix?: FixSafety;
  readonly suggestions?: boolean;
  /** Checklist item ids this rule gives evidence for. */
  readonly checklist?: readonly string[];
  readonly references: readonly ToolReference[];
  /** Rules that depend on a team's policy can ship disabled. Default: true. */
  readonly enabledByDefault?: boolean;
}

export type EditsFn = (edit: EditBuilder) => readonly TextEdit[];

export interface Suggest<Id extends string> {
  readonly messageId: Id;
  readonly data?: Readonly<Record<string, string>>;
  readonly fix: EditsFn;
}

/**
 * Another place that explains a finding: for cross-file Compose rules, the Dockerfile lines
 * a service's `build:` leads to. `file` is the path as the host named it (joined from the
 * analysed file's path); hosts map it to LSP `relatedInformation` and SARIF `relatedLocations`.
 */
export interface Related {
  readonly file: string;
  readonly range: Range;
  readonly message: string;
}

export interface Report<Id extends string> {
  /** The smallest span that shows the problem. */
  readonly range: Range;
  /**
   * Compose: the file `range` is in (a node's `file`; spread an `Origin`). The runner keeps
   * only findings in the analysed file, so a rule over the merged project view can report
   * wherever a value was written. Omitted: the analysed file.
   */
  readonly file?: string;
  readonly messageId: Id;
  readonly data?: Readonly<Record<string, string>>;
  readonly fix?: EditsFn;
  readonly suggest?: readonly Suggest<Id>[];
  /** Other locations that explain the finding (the Dockerfile lines behind a Compose service). */
  readonly related?: readonly Related[];
}

export type ModelFor<K extends FileKind> = K extends 'dockerfile' ? DockerfileModel : ComposeModel;

export interface RuleContext<K extends FileKind, Id extends string, O> {
  readonly model: ModelFor<K>;
  readonly options: Readonly<O>;
  report(problem: Report<Id>): void;
}

export interface Rule<K extends FileKind = FileKind, Id extends string = string, O = undefined> {
  readonly meta: RuleMeta<Id> & { readonly kind: K };
  readonly defaultOptions: O;
  check(context: RuleContext<K, Id, O>): void;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the registry holds rules of every option type
export type AnyRule = Rule<FileKind, string, any>;

export function defineRule<K extends FileKind, Id extends string, O = undefined>(rule: Rule<K, Id, O>): Rule<K, Id, O> {
  return rule;
}

/** Repository-relative path of a rule's documentation page, derived from the id. */
export function ruleDocPath(id: string): string {
  return `docs/rules/${id}.md`;
}

/** Templates split at their placeholders (text, name, text, …, text); templates are rule metadata, so few. */
const compiled = new Map<string, readonly string[]>();

/** Fills `{name}` placeholders; unknown placeholders stay visible so tests catch them. */
export function formatMessage(template: string, data: Readonly<Record<string, string>> | undefined): string {
  // Every finding formats a message and a fix title: the template is split once, not matched
  // with a regular expression and a callback per finding (#8). Same output as
  // `template.replace(/\{(\w+)\}/g, (m, name) => (data && name in data ? data[name] : m))`.
  let parts = compiled.get(template);
  if (!parts) {
    parts = template.split(/\{(\w+)\}/);
    if (compiled.size < 4096) compiled.set(template, parts);
  }
  let out = parts[0] as string;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i] as string;
    out += (data && name in data ? (data[name] as string) : `{${name}}`) + (parts[i + 1] as string);
  }
  return out;
}

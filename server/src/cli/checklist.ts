/**
 * `bulkhead checklist [paths]`: the hardening checklist for the Dockerfiles and Compose files
 * under the paths, plus the workspace items decided from CI configuration found at the root of
 * each directory given. Always exits 0 unless the call itself is wrong (it is a report, not a
 * gate; `bulkhead scan --fail-on` is the gate).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { kindFromContent, type AnalysisResult, type AnalyzeOptions, type EngineConfig } from '../engine';
import { evaluateChecklist, isCiConfigPath, parseConfirmations, type ChecklistConfirmation, type ChecklistFileInput, type CiFile } from '../engine/checklist';
import { checklistToMarkdown } from '../engine/checklist-markdown';
import type { ChecklistCommand } from './args';
import { discover, toDisplay } from './discover';
import { formatChecklistText } from './format/checklist-text';
import type { CliIO } from './run';
import { cliGuard } from './guard';

export const CHECKLIST_HELP = `Usage: bulkhead checklist [paths...] [options]

Prints the production hardening checklist for the Dockerfiles and Compose files under the
paths (default: .): per Dockerfile and per Compose service, each item passes (with the
evidence), fails (with each finding and its line), is not applicable, or needs a human
(with the question to answer). Workspace items (image scanning and signing in CI) are
decided from CI files at the root of each directory given (.github/workflows/*,
.gitlab-ci.yml, azure-pipelines.yml, Jenkinsfile, .circleci/config.yml,
bitbucket-pipelines.yml). Human confirmations are read from .bulkhead/checklist.json.

Options:
  -f, --format <text|markdown|json>   output format (default: text)
      --kind <dockerfile|compose>     only files of this kind
      --rule <id>=<severity|off>      override a rule (off: its items become n/a)
      --color, --no-color             force colors (default: on for a terminal)
  -h, --help                          show this help

Exit codes: 0 report printed (whatever the statuses); 2 usage error or unreadable path.
`;

const CI_CANDIDATES = ['.gitlab-ci.yml', '.gitlab-ci.yaml', 'azure-pipelines.yml', 'azure-pipelines.yaml', 'Jenkinsfile', '.circleci/config.yml', '.circleci/config.yaml', 'bitbucket-pipelines.yml'];

/** CI configuration files at the root of a directory, with display paths. */
export function findCiFiles(dirAbs: string, dirDisplay: string): CiFile[] {
  const out: CiFile[] = [];
  const prefix = dirDisplay === '.' ? '' : `${dirDisplay}/`;
  const add = (rel: string) => {
    if (!isCiConfigPath(rel)) return;
    try {
      out.push({ path: prefix + rel, text: readFileSync(join(dirAbs, rel), 'utf8') });
    } catch {
      // Unreadable CI file: the workspace item stays a human question.
    }
  };
  for (const c of CI_CANDIDATES) if (existsSync(join(dirAbs, c))) add(c);
  const wf = join(dirAbs, '.github', 'workflows');
  try {
    for (const name of readdirSync(wf).sort()) add(`.github/workflows/${name}`);
  } catch {
    // No workflows folder.
  }
  return out;
}

/** Confirmations from `<dir>/.bulkhead/checklist.json`, their subjects made relative to the display paths. */
export function readConfirmations(dirAbs: string, dirDisplay: string): ChecklistConfirmation[] {
  let text: string | undefined;
  try {
    text = readFileSync(join(dirAbs, '.bulkhead', 'checklist.json'), 'utf8');
  } catch {
    return [];
  }
  const prefix = dirDisplay === '.' ? '' : `${dirDisplay}/`;
  return parseConfirmations(text).map((c) => (c.subject !== undefined && c.subject !== '*' ? { ...c, subject: prefix + c.subject } : c));
}

export function checklist(cmd: ChecklistCommand, io: CliIO): number {
  const found = discover(cmd.paths, { cwd: io.cwd, kind: cmd.kind });
  for (const w of found.warnings) io.stderr.write(`bulkhead: warning: ${w}\n`);
  if (found.missing.length > 0) {
    for (const m of found.missing) io.stderr.write(`bulkhead: path not found: ${m}\n`);
    return 2;
  }
  const config: EngineConfig = { rules: cmd.rules };
  const files: ChecklistFileInput[] = [];
  const guard = cliGuard(io);
  const jobs: { readonly path: string; readonly text: string; readonly options: AnalyzeOptions }[] = [];
  for (const t of found.targets) {
    let text: string;
    try {
      text = readFileSync(t.abs, 'utf8');
    } catch (e) {
      io.stderr.write(`bulkhead: cannot read ${t.path}: ${e instanceof Error ? e.message : String(e)}\n`);
      continue;
    }
    const kind = t.kind ?? kindFromContent(text);
    if (!kind) continue;
    jobs.push({ path: t.path, text, options: { kind, path: t.path, config } });
  }
  // One guarded call for many files (node/guard.ts): a rule that loops is stopped, said once on stderr.
  const results = guard.analyzeAll(jobs);
  for (const [i, j] of jobs.entries()) files.push({ path: j.path, result: results[i] as AnalysisResult });
  const ci: CiFile[] = [];
  const confirmations: ChecklistConfirmation[] = [];
  for (const p of cmd.paths) {
    const abs = resolve(io.cwd, p);
    let dir = false;
    try {
      dir = statSync(abs).isDirectory();
    } catch {
      dir = false;
    }
    if (!dir) continue;
    ci.push(...findCiFiles(abs, toDisplay(p)));
    confirmations.push(...readConfirmations(abs, toDisplay(p)));
  }
  const report = evaluateChecklist({ files, ci, confirmations });
  if (found.targets.length === 0) io.stderr.write(`bulkhead: no Dockerfiles or Compose files found in ${cmd.paths.join(', ')}\n`);
  if (cmd.format === 'json') io.stdout.write(`${JSON.stringify({ version: 1, ...report }, null, 2)}\n`);
  else if (cmd.format === 'markdown') io.stdout.write(checklistToMarkdown(report));
  else {
    const color = cmd.color ?? (io.stdout.isTTY === true && !io.env['NO_COLOR']);
    io.stdout.write(formatChecklistText(report, { color }));
  }
  return 0;
}

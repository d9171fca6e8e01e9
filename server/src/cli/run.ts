/**
 * The CLI's job, callable in-process: run(argv, io) → exit code. main.ts only wires it to
 * process.argv/stdout/stderr. Files are read and analysed one after another in this
 * process (no workers, no child processes): the engine is fast and sequential output is
 * deterministic.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { MAX_TEXT_LENGTH, kindFromContent, layerConfig, type AnalyzeOptions, type AnyRule, type EngineConfig, type FileKind } from '../engine';
import type { GuardBudget } from '../node/guard';
import { cliGuard } from './guard';
import { parseCli, UsageError, type ScanCommand } from './args';
import { CHECKLIST_HELP, checklist } from './checklist';
import { ConfigResolver } from './config';
import { discover, toDisplay, type Target } from './discover';
import { FORMATTERS } from './format';
import { atOrAbove } from './format/summary';
import { FIX_HELP, MAIN_HELP, RULES_HELP, SCAN_HELP } from './help';
import { unifiedDiff } from './unifiedDiff';
import { writeStarterConfig } from './init';
import { reportedResult, type ConfigProblemReport, type FileReport, type ReportedResult } from './report';
import { rulesJson, rulesText } from './rules';
import { VERSION } from './version';

/** Host file reader for the engine: neighbouring files as text, undefined when absent or unreadable. */
const DISK_READER = {
  read(path: string): string | undefined {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
};

export interface CliIO {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: { write(s: string): unknown; readonly isTTY?: boolean | undefined };
  readonly stderr: { write(s: string): unknown };
  /** Milliseconds; injected so tests can pin the time in the summary. */
  readonly now?: () => number;
  /** Test only: rules to run instead of the registry (an in-process test injects a looping rule). */
  readonly rules?: readonly AnyRule[];
  /** Test only: the per-rule time budget (node/guard.ts); default 2000 ms stop, 500 ms warning. */
  readonly ruleBudget?: Partial<GuardBudget>;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

/**
 * UTF-8 can spend at most 3 bytes per UTF-16 code unit, so this many bytes always decode to
 * more than MAX_TEXT_LENGTH units: the engine then reports "too large" and we never hold
 * a huge file in memory.
 */
const READ_LIMIT = MAX_TEXT_LENGTH * 3 + 3;

interface Read {
  readonly text: string;
  readonly bytes: Buffer;
  readonly truncated: boolean;
}

function readBounded(abs: string): Read {
  const fd = openSync(abs, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size <= READ_LIMIT) {
      const bytes = readFileSync(fd);
      return { text: bytes.toString('utf8'), bytes, truncated: false };
    }
    const bytes = Buffer.alloc(READ_LIMIT);
    const n = readSync(fd, bytes, 0, READ_LIMIT, 0);
    return { text: bytes.subarray(0, n).toString('utf8'), bytes, truncated: true };
  } finally {
    closeSync(fd);
  }
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function useColor(cmd: ScanCommand, io: CliIO): boolean {
  if (cmd.color !== undefined) return cmd.color;
  // https://no-color.org: set and non-empty disables color.
  return io.stdout.isTTY === true && !io.env['NO_COLOR'];
}

/**
 * Per-rule counts of findings that disappeared between two analyses of a file, for the
 * rules whose fixes were applied; another rule's finding vanishing as a side effect is not
 * something we fixed, so it is not reported as such.
 */
function fixedByRule(before: ReportedResult, after: ReportedResult, unsafe: boolean, only: readonly string[] | undefined): Record<string, number> {
  const fixing = new Set(
    before.findings.filter((f) => f.fix && (unsafe || f.fix.safety === 'safe') && (!only || only.includes(f.ruleId))).map((f) => f.ruleId),
  );
  const count = (r: ReportedResult) => {
    const m = new Map<string, number>();
    for (const f of r.findings) m.set(f.ruleId, (m.get(f.ruleId) ?? 0) + 1);
    return m;
  };
  const a = count(after);
  const out: Record<string, number> = {};
  for (const [id, n] of [...count(before)].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    const gone = n - (a.get(id) ?? 0);
    if (gone > 0 && fixing.has(id)) out[id] = gone;
  }
  return out;
}

/**
 * Files analysed per guarded call (node/guard.ts analyzeAll). Each batch's results are reduced
 * to report data (report.ts reportedResult) as soon as it returns, so at most one batch of
 * whole models is alive at a time; one call more per batch costs one watchdog thread
 * (≈ 0.2 ms), 55 for the 1,737-file corpus.
 */
const BATCH = 32;

interface Job {
  readonly target: Target;
  readonly kind: FileKind;
  readonly read?: Read;
}

function scan(cmd: ScanCommand, io: CliIO): number {
  const now = io.now ?? (() => performance.now());
  const started = now();
  const found = discover(cmd.paths, { cwd: io.cwd, kind: cmd.kind });
  for (const w of found.warnings) io.stderr.write(`bulkhead: warning: ${w}\n`);
  if (found.missing.length > 0) {
    for (const m of found.missing) io.stderr.write(`bulkhead: path not found: ${m}\n`);
    return EXIT_ERROR;
  }

  // Explicit files of unknown name are read first: an undeterminable kind is a usage error,
  // reported before anything is analysed or rewritten.
  const jobs: Job[] = [];
  let failed = false;
  for (const target of found.targets) {
    if (target.kind) {
      jobs.push({ target, kind: target.kind });
      continue;
    }
    let read: Read;
    try {
      read = readBounded(target.abs);
    } catch (e) {
      io.stderr.write(`bulkhead: cannot read ${target.path}: ${errorMessage(e)}\n`);
      return EXIT_ERROR;
    }
    const kind = kindFromContent(read.text);
    if (!kind) {
      io.stderr.write(
        `bulkhead: cannot tell whether ${target.path} is a Dockerfile or a Compose file (no FROM instruction, no top-level "services:").\n` +
          `  Name it like Dockerfile or compose.yaml, or pass --kind dockerfile|compose.\n`,
      );
      failed = true;
      continue;
    }
    jobs.push({ target, kind, read });
  }
  if (failed) return EXIT_ERROR;

  // Nearest config file per analysed file (or --config / --no-config); --rule beats both.
  const resolver = new ConfigResolver({ explicit: cmd.config, disabled: cmd.noConfig });
  const configProblems: ConfigProblemReport[] = [];
  const reportedConfigs = new Set<string>();
  const flags = Object.entries(cmd.rules).map(([rule, severity]) => ({ rule, severity }));
  /**
   * One engine config per configuration file (the resolver hands out one `loaded` object per
   * file): the engine caches effective severities per config object, so a fresh object per
   * analysed file recomputed all of them for every file.
   */
  const configs = new Map<object | undefined, EngineConfig>();
  const configOf = (loaded: EngineConfig | undefined): EngineConfig => {
    let config = configs.get(loaded);
    if (!config) {
      const layered = layerConfig({}, loaded);
      config = { ...layered, rules: { ...layered.rules, ...cmd.rules }, customizations: [...(layered.customizations ?? []), ...flags] };
      configs.set(loaded, config);
    }
    return config;
  };
  const reports: FileReport[] = [];
  /** `fix --dry-run`: one unified diff per changed file, printed instead of the report. */
  const diffs: string[] = [];
  const guard = cliGuard(io);
  /** Files read and configured, analysed together below (one guarded call for many files, node/guard.ts). */
  const ready: { readonly target: Target; readonly kind: FileKind; readonly read: Read; readonly options: AnalyzeOptions }[] = [];
  for (const job of jobs) {
    const { target, kind } = job;
    const resolved = resolver.forFile(target.abs);
    if (resolved.ignored) continue;
    const problems = resolved.loaded?.problems ?? [];
    for (const p of problems) {
      const key = `${p.file}\u0000${p.message}`;
      if (reportedConfigs.has(key)) continue;
      reportedConfigs.add(key);
      const path = toDisplay(relative(io.cwd, p.file) || p.file);
      configProblems.push({ path, message: p.message, line: p.range.start.line + 1, column: p.range.start.character + 1 });
      io.stderr.write(
        `bulkhead: invalid configuration ${path}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.message} Using the defaults for the files it covers.\n`,
      );
    }
    if (problems.length > 0) failed = true;
    const config = configOf(resolved.loaded?.config);
    let read: Read;
    try {
      read = job.read ?? readBounded(target.abs);
    } catch (e) {
      io.stderr.write(`bulkhead: cannot read ${target.path}: ${errorMessage(e)}\n`);
      failed = true;
      continue;
    }
    // The engine reads neighbouring files (.dockerignore, Compose overrides, extends) only
    // through this reader; it never touches the disk itself.
    const options: AnalyzeOptions = { kind, path: target.abs, config, now, files: DISK_READER, ...(io.rules ? { rules: io.rules } : {}) };
    ready.push({ target, kind, read, options });
  }
  const analyses: ReportedResult[] = [];
  for (let i = 0; i < ready.length; i += BATCH) {
    const batch = ready.slice(i, i + BATCH).map((r) => ({ text: r.read.text, options: r.options, call: { file: r.target.path } }));
    for (const a of guard.analyzeAll(batch)) analyses.push(reportedResult(a));
  }
  for (const [i, { target, kind, read, options }] of ready.entries()) {
    let result = analyses[i] as ReportedResult;
    let analysed = read.text;
    let fixed: Record<string, number> | undefined;
    if (cmd.fix) {
      fixed = {};
      const applicable = result.findings.some((f) => f.fix && (cmd.unsafe || f.fix.safety === 'safe') && (!cmd.only || cmd.only.includes(f.ruleId)));
      // Only rewrite text that round-trips: invalid UTF-8 or a truncated read would be corrupted.
      const writable = !read.truncated && Buffer.from(read.text, 'utf8').equals(read.bytes);
      if (applicable && !writable) io.stderr.write(`bulkhead: warning: ${target.path} is not valid UTF-8; not fixed\n`);
      if (applicable && writable) {
        const out = guard.fixAll(read.text, { ...options, safeOnly: !cmd.unsafe, ...(cmd.only ? { ruleIds: cmd.only } : {}) }, { file: target.path });
        if (out.text !== read.text) {
          if (cmd.dryRun) diffs.push(unifiedDiff(target.path, read.text, out.text));
          else {
            try {
              // The text is written back exactly as fixed: BOM and line endings are the original ones.
              writeFileSync(target.abs, out.text, 'utf8');
            } catch (e) {
              io.stderr.write(`bulkhead: cannot write ${target.path}: ${errorMessage(e)}\n`);
              failed = true;
            }
          }
          const after = reportedResult(guard.analyze(out.text, options, { file: target.path }));
          fixed = fixedByRule(result, after, cmd.unsafe, cmd.only);
          result = after;
          analysed = out.text;
        }
      }
    }
    // A rule stopped while computing its fix: this file's findings are reported as if it were off.
    if (guard.stoppedErrors(kind).some((e) => !result.errors.includes(e))) result = reportedResult(guard.analyze(analysed, options, { file: target.path }));
    if (result.errors.length > 0) failed = true;
    const findings = cmd.quiet && cmd.failOn !== 'none' ? result.findings.filter((f) => atOrAbove(f.severity, cmd.failOn)) : result.findings;
    reports.push({ path: target.path, kind, result, findings, ...(fixed ? { fixed } : {}) });
  }

  if (found.targets.length === 0) io.stderr.write(`bulkhead: no Dockerfiles or Compose files found in ${cmd.paths.join(', ')}\n`);
  const report = {
    files: reports,
    failOn: cmd.failOn,
    fixMode: cmd.fix,
    unsafeFixes: cmd.unsafe,
    elapsedMs: now() - started,
    ...(configProblems.length > 0 ? { configProblems } : {}),
  };
  if (cmd.dryRun) {
    // stdout carries only the patch (`bulkhead fix --dry-run | git apply`); the tally goes to stderr.
    io.stdout.write(diffs.join(''));
    const files = reports.filter((r) => r.fixed && Object.keys(r.fixed).length > 0);
    const total = files.reduce((n, r) => n + Object.values(r.fixed ?? {}).reduce((a, b) => a + b, 0), 0);
    for (const r of files)
      io.stderr.write(
        `${r.path}: would fix ${Object.entries(r.fixed ?? {})
          .map(([id, n]) => (n > 1 ? `${id} ×${n}` : id))
          .join(', ')}\n`,
      );
    io.stderr.write(
      `would fix ${total} ${total === 1 ? 'problem' : 'problems'} in ${files.length} ${files.length === 1 ? 'file' : 'files'} (dry run: nothing written)\n`,
    );
  } else io.stdout.write(FORMATTERS[cmd.format](report, { color: useColor(cmd, io), cwd: io.cwd, ...(cmd.docsUrl ? { docsUrl: cmd.docsUrl } : {}) }));
  if (failed) return EXIT_ERROR;
  return reports.some((r) => r.result.findings.some((f) => atOrAbove(f.severity, cmd.failOn))) ? EXIT_FINDINGS : EXIT_OK;
}

export function run(argv: readonly string[], io: CliIO): number {
  try {
    const cmd = parseCli(argv);
    switch (cmd.command) {
      case 'version':
        io.stdout.write(`${VERSION}\n`);
        return EXIT_OK;
      case 'help':
        io.stdout.write(
          cmd.topic === 'scan'
            ? SCAN_HELP
            : cmd.topic === 'fix'
              ? FIX_HELP
              : cmd.topic === 'rules'
                ? RULES_HELP
                : cmd.topic === 'checklist'
                  ? CHECKLIST_HELP
                  : MAIN_HELP,
        );
        return EXIT_OK;
      case 'rules':
        io.stdout.write(cmd.format === 'json' ? rulesJson() : rulesText());
        return EXIT_OK;
      case 'scan':
        return scan(cmd, io);
      case 'checklist':
        return checklist(cmd, io);
      case 'init': {
        const r = writeStarterConfig(io.cwd);
        if (r.error) {
          io.stderr.write(`bulkhead: ${r.error}\n`);
          return EXIT_ERROR;
        }
        io.stdout.write(`Wrote ${r.file}. Edit it, commit it: the editor, the CLI and CI read it.\n`);
        return EXIT_OK;
      }
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`bulkhead: ${e.message}\nRun "bulkhead --help" for usage.\n`);
      return EXIT_ERROR;
    }
    io.stderr.write(`bulkhead: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT_ERROR;
  }
}

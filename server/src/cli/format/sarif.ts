/**
 * `--format sarif`: SARIF 2.1.0 for code scanning (GitHub, GitLab, Azure DevOps, the SARIF
 * viewer). One run; every rule is described in `tool.driver.rules` (so `ruleIndex` is stable
 * between scans); results carry `partialFingerprints` that survive lines moving
 * (fingerprint.ts) and repository-relative URIs against `%SRCROOT%` (the scan's working
 * directory). Rule crashes and parse problems become tool execution notifications; invalid
 * configuration files become tool configuration notifications. test/cli validates real output
 * against the SARIF 2.1.0 schema.
 *
 * GitHub ranks alerts by `properties.security-severity` (a number as a string: 9.0+ critical,
 * 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low) on rules tagged `security`.
 * https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { allRules, ruleDocPath, type AnyRule, type Finding, type Severity } from '../../engine';
import type { FileReport, Formatter, ScanReport } from '../report';
import { TOOL_NAME, VERSION } from '../version';
import { FINGERPRINT_KEY, fingerprints } from './fingerprint';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SRCROOT = '%SRCROOT%';

export const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '1.0',
};

type Level = 'error' | 'warning' | 'note';
const LEVEL: Readonly<Record<Severity, Level>> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };

const TOOL_LABEL: Readonly<Record<string, string>> = {
  hadolint: 'hadolint',
  trivy: 'Trivy',
  checkov: 'Checkov',
  kics: 'KICS',
  cis: 'CIS Docker Benchmark',
  buildkit: 'BuildKit check',
  dockle: 'dockle',
  semgrep: 'Semgrep',
  dclint: 'dclint',
};

function sortedRules(): AnyRule[] {
  return [...allRules()].sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0));
}

function docsLink(base: string | undefined, id: string): string | undefined {
  if (!base) return undefined;
  return (base.endsWith('/') ? base : `${base}/`) + ruleDocPath(id);
}

function ruleDescriptor(rule: AnyRule, docsUrl: string | undefined) {
  const m = rule.meta;
  const helpUri = docsLink(docsUrl, m.id);
  const equivalents = m.references.map((r) => `${TOOL_LABEL[r.tool] ?? r.tool} ${r.id} (${r.match})`);
  const text = [
    m.title,
    `Documentation: ${helpUri ?? ruleDocPath(m.id)}`,
    ...(equivalents.length ? [`Equivalent checks: ${equivalents.join(', ')}.`] : []),
  ].join('\n');
  const markdown = [
    `**${m.title}**`,
    '',
    `Documentation: [${ruleDocPath(m.id)}](${helpUri ?? ruleDocPath(m.id)})`,
    ...(equivalents.length ? ['', `Equivalent checks: ${equivalents.join(', ')}.`] : []),
  ].join('\n');
  const tags = ['security', m.category, m.kind, ...m.references.filter((r) => r.tool === 'cis').map((r) => `external/cis-docker-benchmark/${r.id}`)];
  return {
    id: m.id,
    name: m.id.replace(/(^|-)([a-z0-9])/g, (_: string, _d: string, c: string) => c.toUpperCase()),
    shortDescription: { text: m.title },
    fullDescription: { text: m.title },
    ...(helpUri ? { helpUri } : {}),
    help: { text, markdown },
    defaultConfiguration: { enabled: m.enabledByDefault !== false, level: LEVEL[m.severity] },
    properties: {
      tags,
      precision: 'high',
      'security-severity': SECURITY_SEVERITY[m.severity],
      severity: m.severity,
      category: m.category,
      ...(m.fix ? { fix: m.fix } : {}),
      references: m.references.map((r) => ({ tool: r.tool, id: r.id, match: r.match })),
    },
  };
}

/** Relative to %SRCROOT% when inside it; otherwise an absolute file URI. */
function artifactLocation(file: Pick<FileReport, 'path'>, root: string) {
  const abs = resolve(root, file.path);
  const rel = relative(root, abs);
  if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) {
    const uri = rel.split(sep).map(encodeURIComponent).join('/');
    return { uri, uriBaseId: SRCROOT };
  }
  return { uri: pathToFileURL(abs).href };
}

function region(range: Finding['range']) {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

export const formatSarif: Formatter = (report: ScanReport, options) => {
  const root = options.cwd ?? process.cwd();
  const rules = sortedRules();
  const ruleIndex = new Map(rules.map((r, i) => [r.meta.id, i]));
  const results: unknown[] = [];
  const execution: unknown[] = [];
  let successful = true;
  for (const file of report.files) {
    const location = artifactLocation(file, root);
    const shown = [...file.findings, ...file.result.suppressed];
    const prints = fingerprints(file.result, shown);
    shown.forEach((f, i) => {
      const index = ruleIndex.get(f.ruleId);
      results.push({
        ruleId: f.ruleId,
        ...(index !== undefined ? { ruleIndex: index } : {}),
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation: location, region: region(f.range) } }],
        // Cross-file rules: the Dockerfile lines behind a Compose finding.
        ...(f.related && f.related.length > 0
          ? {
              relatedLocations: f.related.map((r, id) => ({
                id,
                physicalLocation: { artifactLocation: artifactLocation({ path: r.file }, root), region: region(r.range) },
                message: { text: r.message },
              })),
            }
          : {}),
        partialFingerprints: { [FINGERPRINT_KEY]: prints[i] as string },
        ...(f.suppressedBy
          ? { suppressions: [{ kind: 'inSource', status: 'accepted', ...(f.suppressedBy.reason ? { justification: f.suppressedBy.reason } : {}) }] }
          : {}),
        properties: { severity: f.severity, category: f.category, ...(f.fix ? { fixable: f.fix.safety } : {}) },
      });
    });
    for (const p of file.result.problems) {
      execution.push({
        level: p.severity === 'error' ? 'error' : p.severity === 'hint' ? 'note' : 'warning',
        message: { text: p.message },
        descriptor: { id: `parse/${p.code}` },
        locations: [{ physicalLocation: { artifactLocation: location, region: region(p.range) } }],
      });
    }
    for (const e of file.result.errors) {
      successful = false;
      execution.push({
        level: 'error',
        message: { text: `Rule ${e.ruleId} failed, its findings are missing: ${e.message}` },
        descriptor: { id: 'rule-error' },
        associatedRule: { id: e.ruleId, ...(ruleIndex.has(e.ruleId) ? { index: ruleIndex.get(e.ruleId) } : {}) },
        locations: [{ physicalLocation: { artifactLocation: location } }],
      });
    }
  }
  const configuration = (report.configProblems ?? []).map((c) => ({
    level: 'error',
    message: { text: `${c.message} (Bulkhead used its defaults for the files this configuration covers.)` },
    descriptor: { id: 'config' },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation({ path: c.path } as FileReport, root),
          ...(c.line !== undefined ? { region: { startLine: c.line, ...(c.column !== undefined ? { startColumn: c.column } : {}) } } : {}),
        },
      },
    ],
  }));
  const rootUri = pathToFileURL(root.endsWith(sep) ? root : root + sep).href;
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Bulkhead',
            fullName: `Bulkhead ${VERSION}`,
            version: VERSION,
            semanticVersion: VERSION,
            ...(options.docsUrl ? { informationUri: options.docsUrl } : {}),
            rules: rules.map((r) => ruleDescriptor(r, options.docsUrl)),
          },
        },
        invocations: [
          {
            executionSuccessful: successful,
            toolExecutionNotifications: execution,
            toolConfigurationNotifications: configuration,
          },
        ],
        originalUriBaseIds: { [SRCROOT]: { uri: rootUri } },
        columnKind: 'utf16CodeUnits',
        results,
        properties: { tool: TOOL_NAME },
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
};

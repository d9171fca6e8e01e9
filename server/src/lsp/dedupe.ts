/**
 * `bulkhead.dedupe`: hide findings another installed linter already shows for the same problem.
 * A finding is a duplicate when its rule's `references` name a check of a peer tool with
 * `match: 'same'` — Docker's extension runs Docker DX, which reports BuildKit's build checks;
 * vscode-hadolint reports hadolint's. The client says which peers are installed
 * (initializationOptions.peers); without that, both count. Every other finding stays.
 */
import type { AnalysisResult, AnyRule } from '../engine/index';

export type Peer = 'buildkit' | 'hadolint';
export const PEERS: readonly Peer[] = ['buildkit', 'hadolint'];

export function peersFrom(initializationOptions: unknown): readonly Peer[] {
  const raw = (initializationOptions as { peers?: unknown } | null | undefined)?.peers;
  if (!Array.isArray(raw)) return PEERS;
  return PEERS.filter((p) => raw.includes(p));
}

/** Rule ids another tool among `peers` reports the same way. */
export function duplicatedRules(rules: readonly AnyRule[], peers: readonly Peer[]): Set<string> {
  return new Set(
    rules.filter((r) => r.meta.references.some((ref) => ref.match === 'same' && (peers as readonly string[]).includes(ref.tool))).map((r) => r.meta.id),
  );
}

/** The result without duplicated findings (indices in `findings` are those of the new list). */
export function dedupe(result: AnalysisResult, duplicated: ReadonlySet<string>): AnalysisResult {
  if (duplicated.size === 0 || !result.findings.some((f) => duplicated.has(f.ruleId))) return result;
  return { ...result, findings: result.findings.filter((f) => !duplicated.has(f.ruleId)) };
}

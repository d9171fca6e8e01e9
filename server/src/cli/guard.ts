import { RuleGuard } from '../node/guard';
import type { CliIO } from './run';

/**
 * One guard per command: a rule that loops is stopped once, reported once on stderr (naming
 * the rule and the file), turned off for the remaining files, and every file's result lists it
 * as a failed rule (its findings are missing), so the command exits 2 as for a crashed rule.
 */
export function cliGuard(io: CliIO): RuleGuard {
  return new RuleGuard({
    ...(io.ruleBudget ? { budget: io.ruleBudget } : {}),
    report: (e) => io.stderr.write(`bulkhead: ${e.kind === 'slow' ? 'warning' : 'error'}: ${e.message}\n`),
  });
}

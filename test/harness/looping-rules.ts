// Rules that never finish, shared by the rule-guard tests (engine guard, language server, CLI:
// issue #8 item 4). Each is harmless unless its trigger is in the file.
import type { AnyRule } from '../../server/src/engine/index';
import { defineRule } from '../../server/src/engine/rule';
import type { FixSafety } from '../../server/src/engine/rule';
import type { Severity } from '../../server/src/engine/types';

/** Loops for ever on a file containing LOOP; otherwise reports nothing. */
export const looper = defineRule({
  meta: { id: 'test-looper', kind: 'dockerfile', title: 'Loops', severity: 'high', category: 'hygiene', messages: { m: 'never' }, references: [] },
  defaultOptions: undefined,
  check({ model }) {
    // eslint-disable-next-line no-empty -- the point of the test
    if (model.text.includes('LOOP')) for (;;) {}
  },
}) as AnyRule;

/** Reports the first instruction's keyword; its fix loops. */
export function fixLooper(safety: FixSafety, severity: Severity): AnyRule {
  return defineRule({
    meta: {
      id: 'test-fix-looper',
      kind: 'dockerfile',
      title: 'Fix loops',
      severity,
      category: 'hygiene',
      messages: { m: 'fix me' },
      fix: safety,
      references: [],
    },
    defaultOptions: undefined,
    check({ model, report }) {
      const from = model.instructions[0];
      if (from)
        report({
          messageId: 'm',
          range: from.keywordRange,
          fix: () => {
            for (;;) {
              /* loops */
            }
          },
        });
    },
  }) as AnyRule;
}

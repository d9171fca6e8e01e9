import { defineRule } from '../../rule';
import { execTarget, jsonArray, plainCommand, posixShell, scriptText } from '../../model/exec-form';

/** Shell-form CMD/ENTRYPOINT run under `/bin/sh -c`: the shell, not the app, is PID 1 and gets SIGTERM. */
export default defineRule({
  meta: {
    id: 'exec-form',
    kind: 'dockerfile',
    title: 'Use the exec (JSON) form for CMD and ENTRYPOINT',
    severity: 'low',
    category: 'runtime',
    fix: 'safe',
    suggestions: true,
    messages: {
      shellCmd: 'Shell-form {keyword} runs under /bin/sh -c: the shell is PID 1, so SIGTERM never reaches the application and `docker stop` waits for the kill timeout. Use the JSON array form.',
      shellEntrypoint: 'Shell-form ENTRYPOINT runs under /bin/sh -c: SIGTERM never reaches the application, and CMD and `docker run` arguments are ignored. Use the JSON array form.',
      fix: 'Convert to the exec form {json}',
      toJson: 'Convert to the exec form {json} (CMD arguments will then be appended)',
      execPrefix: 'Prefix the last command with `exec` so it replaces the shell',
      shellWrapper: 'Use ["/bin/sh", "-c", "exec …"] so the application replaces the shell',
    },
    checklist: ['signal-handling'],
    references: [
      { tool: 'hadolint', id: 'DL3025', match: 'same' },
      { tool: 'kics', id: 'b86987e1', match: 'same' },
      { tool: 'buildkit', id: 'JSONArgsRecommended', match: 'same' },
      { tool: 'semgrep', id: 'prefer-json-notation', match: 'same' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const ins of model.instructions) {
      // `CMD []` is an empty exec form (it clears the inherited command), not a shell command.
      if ((ins.keyword !== 'CMD' && ins.keyword !== 'ENTRYPOINT') || ins.jsonForm || ins.heredocs.length > 0 || /^\[\s*\]$/.test(ins.argsText.trim())) continue;
      const first = ins.args[0];
      const last = ins.args[ins.args.length - 1];
      if (!first || !last) continue;
      const span = { start: first.range.start, end: last.range.end };
      const script = model.shell(ins);
      const posix = posixShell(ins);
      const plain = posix ? plainCommand(script, span) : undefined;
      const target = posix && !plain ? execTarget(script, span) : undefined;
      // The shell is needed and the author already hands PID 1 to the application.
      if (!plain && target?.name?.value === 'exec') continue;
      const messageId = ins.keyword === 'ENTRYPOINT' ? 'shellEntrypoint' : 'shellCmd';
      const data = { keyword: ins.keyword };
      if (plain) {
        const words = [plain.name!, ...plain.args].map((w) => w.value);
        const json = jsonArray(words[0] === 'exec' && words.length > 1 ? words.slice(1) : words);
        const convert = (edit: import('../../edits').EditBuilder) => [edit.replace(span, json)];
        // Exec-form ENTRYPOINT appends CMD, which shell form ignored: with a CMD in the stage that changes behaviour.
        const cmdInStage = ins.keyword === 'ENTRYPOINT' && ins.stage?.instructions.some((i) => i.keyword === 'CMD' && !i.onbuild);
        if (cmdInStage) report({ range: span, messageId, data, suggest: [{ messageId: 'toJson', data: { json }, fix: convert }] });
        else report({ range: span, messageId, data: { ...data, json }, fix: convert });
        continue;
      }
      const suggest = target
        ? [
            { messageId: 'execPrefix' as const, fix: (edit: import('../../edits').EditBuilder) => [edit.insertAt(target.range.start, 'exec ')] },
            { messageId: 'shellWrapper' as const, fix: (edit: import('../../edits').EditBuilder) => [edit.replace(span, jsonArray(['/bin/sh', '-c', scriptText(model.index, span, model.escapeChar, target)]))] },
          ]
        : [];
      report({ range: span, messageId, data, suggest });
    }
  },
});

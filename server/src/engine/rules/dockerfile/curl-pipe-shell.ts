import { defineRule } from '../../rule';
import { downloader, downloadsToStdout, interpreterProgram } from '../../model/commands';
import { effectiveName, type Command, type Word } from '../../model/shell';

const same = (a: Word, b: Word) => a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character;

/** The interpreter command that runs what `cmd` downloads, and how. */
function runner(cmd: Command): { interpreter: Command; via: 'pipe' | 'substitution' } | undefined {
  for (const next of cmd.pipeline.commands.slice(cmd.pipelineIndex + 1)) {
    if (interpreterProgram(next)?.from === 'stdin') return { interpreter: next, via: 'pipe' };
  }
  const parent = cmd.parent;
  if (!parent?.command) return undefined;
  const program = interpreterProgram(parent.command);
  // `sh -c "$(curl ...)"`, `eval "$(curl ...)"`, `bash <(curl ...)`, `source <(curl ...)`.
  if (program && program.from !== 'stdin' && program.words.some((w) => same(w, parent.word))) return { interpreter: parent.command, via: 'substitution' };
  return undefined;
}

/** A download to stdout fed straight into a shell or interpreter: whatever the server sends runs as root in the build. */
export default defineRule({
  meta: {
    id: 'curl-pipe-shell',
    kind: 'dockerfile',
    title: 'Do not pipe downloaded scripts into a shell',
    severity: 'high',
    category: 'supply-chain',
    messages: {
      pipe: '{download} output is piped into {shell}: the build runs whatever the server (or anyone in the path) sends, unverified. Download to a file, verify its checksum or signature, then run it.',
      substitution: '{shell} runs the output of {download} directly: the build executes whatever the server sends, unverified. Download to a file, verify its checksum or signature, then run it.',
    },
    checklist: ['supply-chain-integrity'],
    references: [{ tool: 'semgrep', id: 'curl-pipe-bash', match: 'partial' }],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const { command } of model.commands()) {
      if (!downloadsToStdout(command)) continue;
      const found = runner(command);
      if (!found) continue;
      const { interpreter, via } = found;
      const data = { download: downloader(command)?.tool ?? 'download', shell: effectiveName(interpreter) };
      const range = via === 'pipe' ? { start: command.range.start, end: interpreter.range.end } : { start: interpreter.range.start, end: command.parent!.word.range.end };
      report({ range, messageId: via, data });
    }
  },
});

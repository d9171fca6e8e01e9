import { defineRule } from '../../rule';
import { packageCommand } from '../../model/packages';
import { baseName, unwrap, type Word } from '../../model/shell';
import type { DockerInstruction, Stage } from '../../model/dockerfile';

type Tool = 'curl' | 'wget';

/** Two download tools in one image: two sets of TLS code and CVEs where one would do. */
export default defineRule({
  meta: {
    id: 'single-download-tool',
    kind: 'dockerfile',
    title: 'Use one download tool, curl or wget, not both',
    severity: 'info',
    category: 'hygiene',
    messages: {
      both: 'This image gets {tool} although it already has {other}: two download tools mean two sets of TLS and parsing code to patch. Use one tool for every download, or remove the other from the final image.',
    },
    checklist: ['minimal-attack-surface'],
    references: [
      { tool: 'hadolint', id: 'DL4001', match: 'same' },
      { tool: 'trivy', id: 'DS-0014', match: 'same' },
      { tool: 'kics', id: 'fc775e75', match: 'same' },
      { tool: 'semgrep', id: 'use-either-wget-or-curl', match: 'same' },
      { tool: 'cis', id: '4.3', match: 'partial' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    // The final image: the last stage and the stages it is built FROM.
    const shipped = new Set<Stage>();
    for (let s = model.finalStage; s; s = s.baseStage) shipped.add(s);
    const present = new Map<Tool, Word>();
    const installed = new Set<Tool>();
    // apk virtual groups and `apt-mark auto '.*' ... --auto-remove`: build-only tools removed again.
    const groups = new Map<string, Tool[]>();
    let markedAuto: { ins: DockerInstruction; tools: Tool[]; auto: boolean } | undefined;
    for (const { instruction, command } of model.commands()) {
      if (!instruction.stage || !shipped.has(instruction.stage) || instruction.onbuild || instruction.keyword !== 'RUN') continue;
      if (markedAuto?.ins !== instruction) markedAuto = { ins: instruction, tools: [], auto: false };
      const pc = packageCommand(command);
      const { name, args } = unwrap(command);
      if (pc && pc.action === 'install') {
        const virtual = pc.manager === 'apk' ? pc.options[pc.options.findIndex((o) => o.value === '--virtual' || o.value === '-t') + 1] : undefined;
        for (const p of pc.packages) {
          if (p.name !== 'curl' && p.name !== 'wget') continue;
          installed.add(p.name);
          markedAuto.tools.push(p.name);
          if (virtual && pc.options.some((o) => o.value === '--virtual' || o.value === '-t'))
            groups.set(virtual.value, [...(groups.get(virtual.value) ?? []), p.name]);
          if (!present.has(p.name)) present.set(p.name, p.word);
        }
      } else if (pc && pc.action === 'remove') {
        const autoRemove = pc.options.some((o) => o.value === '--auto-remove') || pc.verb?.value === 'autoremove';
        const gone: Tool[] = autoRemove && markedAuto.auto ? [...markedAuto.tools] : [];
        for (const w of pc.operands) {
          if (w.value === 'curl' || w.value === 'wget') gone.push(w.value);
          gone.push(...(groups.get(w.value) ?? []));
        }
        for (const t of gone) present.delete(t);
      } else if (baseName(name) === 'apt-mark' && args[0]?.value === 'auto') {
        // `apt-mark auto '.*'`: everything installed so far in this RUN goes with a later --auto-remove.
        markedAuto.auto = true;
      } else {
        const tool = baseName(name);
        if ((tool === 'curl' || tool === 'wget') && !installed.has(tool) && !present.has(tool) && name) present.set(tool, name);
      }
    }
    const curl = present.get('curl');
    const wget = present.get('wget');
    if (!curl || !wget) return;
    const second = compare(curl, wget) < 0 ? wget : curl;
    const tool = second === curl ? 'curl' : 'wget';
    report({ range: second.range, messageId: 'both', data: { tool, other: tool === 'curl' ? 'wget' : 'curl' } });

    function compare(a: Word, b: Word): number {
      return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
    }
  },
});

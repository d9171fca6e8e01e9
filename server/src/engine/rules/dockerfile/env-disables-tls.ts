import { defineRule } from '../../rule';
import type { EditBuilder } from '../../edits';
import type { Range, TextEdit } from '../../types';
import { TLS_ENV_NAMES, tlsDisablingEnv } from '../../model/packages';

/** Environment variables that switch certificate checks off for every process in the image. */
export default defineRule({
  meta: {
    id: 'env-disables-tls',
    kind: 'dockerfile',
    title: 'Do not disable TLS verification through environment variables',
    severity: 'high',
    category: 'network',
    // Unsafe: without the variable, connections to a server with a private CA fail until its
    // certificate is installed; the user must do that first.
    fix: 'unsafe',
    messages: {
      env: '{keyword} {name}={value} turns off TLS certificate checks for {tool} in every build step and container: any network attacker can read and change its traffic. Install the CA certificate you need (update-ca-certificates, NODE_EXTRA_CA_CERTS, PIP_CERT) and remove the variable.',
      run: '{name}={value} turns off TLS certificate checks for {tool} in this step: a network attacker can change what it downloads. Install the CA certificate you need instead.',
    },
    checklist: ['supply-chain-integrity'],
    references: [
      { tool: 'checkov', id: 'CKV2_DOCKER_5', match: 'same' },
      { tool: 'checkov', id: 'CKV2_DOCKER_6', match: 'same' },
      { tool: 'checkov', id: 'CKV2_DOCKER_12', match: 'same' },
      { tool: 'checkov', id: 'CKV2_DOCKER_14', match: 'same' },
      { tool: 'checkov', id: 'CKV2_DOCKER_16', match: 'same' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const ins of model.instructions) {
      if (ins.keyword !== 'ENV' && ins.keyword !== 'ARG') continue;
      const props = (ins.ast as import('dockerfile-ast').Env).getProperties();
      props.forEach((p, k) => {
        const name = p.getName();
        const raw = p.getValue();
        if (!TLS_ENV_NAMES.test(name) || raw === null) return;
        const value = model.resolve(raw, ins);
        const tool = value === undefined ? undefined : tlsDisablingEnv(name, value);
        if (!tool || value === undefined) return;
        const range = p.getRange();
        // The whole instruction (or its ONBUILD) when this is the only pair; else from the end of the
        // previous pair (or to the start of the next), so continuation lines stay well formed.
        const prev = props[k - 1];
        const next = props[k + 1];
        const span =
          props.length === 1 ? undefined : prev ? { start: prev.getRange().end, end: range.end } : { start: range.start, end: next!.getRange().start };
        report({
          range,
          messageId: 'env',
          data: { keyword: ins.keyword, name, value: value === '' ? '""' : value, tool },
          // The whole instruction when this is its only pair; else the pair and the space before it.
          fix: (e) => [span ? e.replace(span, '') : removeInstruction(e, (ins.onbuild ?? ins).range)],
        });
      });
    }
    /** Whole lines; on the last line, from the end of the line before so no empty line is left. */
    function removeInstruction(e: EditBuilder, r: Range): TextEdit {
      const { index } = model;
      if (r.end.line + 1 < index.lineCount || r.start.line === 0) return e.removeLines(r);
      return e.replace({ start: index.positionAt(index.lineEnd(r.start.line - 1)), end: index.positionAt(index.lineEnd(r.end.line)) }, '');
    }
    for (const { command } of model.commands()) {
      const exported = command.name?.value === 'export' ? command.args : [];
      for (const w of [...command.assignments, ...exported]) {
        const eq = w.value.indexOf('=');
        if (eq < 0 || !TLS_ENV_NAMES.test(w.value.slice(0, eq))) continue;
        const tool = tlsDisablingEnv(w.value.slice(0, eq), w.value.slice(eq + 1));
        if (tool) report({ range: w.range, messageId: 'run', data: { name: w.value.slice(0, eq), value: w.value.slice(eq + 1) || '""', tool } });
      }
    }
  },
});

import { defineRule } from '../../rule';
import { parsePortSpec } from '../../model/ports';
import type { Range } from '../../types';

/** Malformed EXPOSE: Docker rejects some forms and silently drops the host part of others. */
export default defineRule({
  meta: {
    id: 'expose-invalid',
    kind: 'dockerfile',
    title: 'Write EXPOSE as port[/protocol] with a valid port',
    severity: 'low',
    category: 'network',
    messages: {
      mapping: 'EXPOSE {port} maps a host address or port, which EXPOSE cannot do (the host part is ignored); expose only the container port and publish it at run time (`-p 127.0.0.1:8080:80`, Compose `ports:`).',
      outOfRange: 'EXPOSE {port} is outside the port range 1-65535; Docker rejects the build. Use a valid port number.',
      reversedRange: 'EXPOSE {port} is a range whose end is below its start; Docker rejects it. Write it as low-high.',
      protocolCase: 'The protocol "{protocol}" in EXPOSE {port} should be lower case ("{lower}"), as Docker documents it.',
      unknownProtocol: 'The protocol "{protocol}" in EXPOSE {port} is not tcp, udp or sctp; Docker rejects the build.',
      malformed: 'EXPOSE {port} is not a port: write one port or range per word, with an optional /tcp or /udp (`EXPOSE 80 443/tcp 5000-5010`).',
    },
    checklist: ['limited-ports'],
    references: [
      { tool: 'hadolint', id: 'DL3011', match: 'partial' },
      { tool: 'trivy', id: 'DS-0008', match: 'partial' },
      { tool: 'kics', id: '71bf8cf8', match: 'partial' },
      { tool: 'buildkit', id: 'ExposeInvalidFormat', match: 'same' },
      { tool: 'buildkit', id: 'ExposeProtoCasing', match: 'same' },
      { tool: 'semgrep', id: 'invalid-port', match: 'partial' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const ins of model.instructions) {
      if (ins.keyword !== 'EXPOSE') continue;
      for (const token of ins.args) {
        // Variables without a known value (`EXPOSE $PORT`) are decided at build time.
        const value = model.resolve(token.value, ins);
        if (value === undefined) continue;
        const literal = value === token.value && token.range.start.line === token.range.end.line;
        for (const word of value.split(/\s+/).filter((w) => w !== '')) {
          const { spec, problems } = parsePortSpec(word);
          for (const problem of problems) {
            const protocol = spec?.protocol ?? '';
            const onProtocol = (problem === 'protocolCase' || problem === 'unknownProtocol') && literal && spec?.protocolAt !== undefined;
            const range: Range = onProtocol ? { start: { line: token.range.start.line, character: token.range.start.character + (spec.protocolAt as number) }, end: token.range.end } : token.range;
            const data = problem === 'protocolCase' ? { port: word, protocol, lower: protocol.toLowerCase() } : problem === 'unknownProtocol' ? { port: word, protocol } : { port: word };
            report({ range, messageId: problem, data });
          }
        }
      }
    }
  },
});

import { defineRule } from '../../rule';

const SSH = 22;

/** EXPOSE 22: an SSH daemon in a container is a second way in that bypasses the runtime's controls. */
export default defineRule({
  meta: {
    id: 'expose-ssh',
    kind: 'dockerfile',
    title: 'Do not expose the SSH port',
    severity: 'medium',
    category: 'network',
    messages: {
      ssh: 'EXPOSE {port} opens the SSH port 22; use `docker exec` / `kubectl exec` for access instead of running an SSH daemon in the container.',
      sshFromVariable:
        'EXPOSE {port} resolves to "{value}", which opens the SSH port 22; use `docker exec` / `kubectl exec` for access instead of running an SSH daemon in the container.',
    },
    checklist: ['limited-ports', 'minimal-attack-surface'],
    references: [
      { tool: 'trivy', id: 'DS-0004', match: 'same' },
      { tool: 'checkov', id: 'CKV_DOCKER_1', match: 'same' },
      { tool: 'kics', id: '5907595b', match: 'same' },
      { tool: 'cis', id: '5.7', match: 'partial' },
      { tool: 'cis', id: '5.9', match: 'partial' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const ins of model.instructions) {
      if (ins.keyword !== 'EXPOSE') continue;
      for (const token of ins.args) {
        const value = model.resolve(token.value, ins);
        if (value === undefined || !value.split(/\s+/).some(includesSsh)) continue;
        if (value === token.value) report({ range: token.range, messageId: 'ssh', data: { port: token.value } });
        else report({ range: token.range, messageId: 'sshFromVariable', data: { port: token.value, value } });
      }
    }
  },
});

/** `22`, `22/tcp`, `20-25/udp`; with a (malformed) `host:` prefix only the container port counts. */
function includesSsh(spec: string): boolean {
  const m = /^(\d+)(?:-(\d+))?(?:\/[a-z]+)?$/i.exec(spec.slice(spec.lastIndexOf(':') + 1));
  if (!m) return false;
  const low = Number(m[1]);
  const high = m[2] === undefined ? low : Number(m[2]);
  return low <= SSH && SSH <= high;
}

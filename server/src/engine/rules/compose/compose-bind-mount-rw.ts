import { defineRule } from '../../rule';
import { appendToScalar, hostSocket, mountHostPath, replaceScalar, setServiceKey, type Mount } from '../../model/compose';
import type { TextEdit } from '../../types';
import type { ComposeModel } from '../../model/compose';

/** A read-write bind mount lets the container change files on the host (and plant code the host or other containers run). */
export default defineRule({
  meta: {
    id: 'compose-bind-mount-rw',
    kind: 'compose',
    title: 'Mount host directories read-only',
    severity: 'medium',
    category: 'filesystem',
    messages: {
      readWrite:
        'The host path {path} is mounted read-write: a compromised container can change or plant files on the host. Mount it read-only (":ro" or read_only: true) unless the service must write there; then prefer a named volume.',
      fix: 'Mount {path} read-only (check that the service never writes there)',
    },
    // Unsafe: a service that writes to the mount (uploads, caches, databases) fails after the fix.
    fix: 'unsafe',
    checklist: ['no-host-mounts'],
    references: [{ tool: 'cis', id: '5.6', match: 'partial' }],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    // A Dev Container's Compose file mounts the workspace the developer edits: writable by design.
    if (/(?:^|[\\/])\.devcontainer[\\/]/.test(model.file)) return;
    for (const service of model.services) {
      for (const m of service.volumes()) {
        if (m.type !== 'bind' || m.readOnly !== false) continue;
        const host = mountHostPath(m);
        // Sockets and pipes are not protected by read-only: compose-docker-socket / compose-runtime-socket own them.
        if (!host?.known || hostSocket(host.path, true)?.directory === false) continue;
        report({
          file: m.node.file,
          range: m.node.kind === 'map' ? (m.node.get('source')?.range ?? m.node.range) : m.node.range,
          messageId: 'readWrite',
          data: { path: host.path },
          fix: () => readOnlyEdit(model, m),
        });
      }
    }
  },
});

function readOnlyEdit(model: ComposeModel, m: Mount): TextEdit[] {
  const n = m.node;
  if (n.kind === 'map') {
    const ro = n.get('read_only');
    const e = ro ? replaceScalar(model, ro.value, 'true') : setServiceKey(model, { map: n, keyRange: n.range }, ['read_only'], 'true');
    return e ? [e] : [];
  }
  if (m.options.length === 0) return [appendToScalar(model, n, ':ro')].filter((e) => e !== undefined);
  if (m.options.length === 1 && m.options[0] === 'rw') {
    // `./data:/data:rw` → `./data:/data:ro`: replace the last two characters of the content.
    const raw = model.index.slice(n.range);
    const quote = /^["']/.test(raw) ? 1 : 0;
    if (!raw.slice(0, raw.length - quote).endsWith(':rw')) return [];
    const end = model.index.offsetAt(n.range.end) - quote;
    return [{ range: { start: model.index.positionAt(end - 2), end: model.index.positionAt(end) }, newText: 'ro' }];
  }
  if (m.options.includes('rw')) return [];
  return [appendToScalar(model, n, ',ro')].filter((e) => e !== undefined);
}

// Compose model queries for the privilege/confinement/namespace rules: security_opt parsing as
// the daemon reads it, namespace modes, and removing one list entry in place.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  buildComposeModel,
  namespaceMode,
  parseSecurityOption,
  removeSeqItem,
  securityOptions,
  type ComposeOptions,
} from '../../server/src/engine/model/compose';

const model = (lines: readonly string[], options: ComposeOptions = {}) => buildComposeModel(lines.join('\n') + '\n', options);
const reader = (files: Record<string, readonly string[]>) => ({ read: (p: string) => (files[p] ? files[p].join('\n') + '\n' : undefined) });
const apply = (text: string, edit: Parameters<typeof TextDocument.applyEdits>[1][number] | undefined) =>
  edit ? TextDocument.applyEdits(TextDocument.create('x', 'yaml', 1, text), [edit]) : undefined;

describe('compose model: security options', () => {
  it('splits on = first, then the deprecated :, and keeps the key as written', () => {
    assert.deepEqual(parseSecurityOption('no-new-privileges'), { key: 'no-new-privileges', value: undefined, separator: undefined });
    assert.deepEqual(parseSecurityOption('no-new-privileges:true'), { key: 'no-new-privileges', value: 'true', separator: ':' });
    assert.deepEqual(parseSecurityOption('seccomp=unconfined'), { key: 'seccomp', value: 'unconfined', separator: '=' });
    assert.deepEqual(parseSecurityOption('label=type:spc_t'), { key: 'label', value: 'type:spc_t', separator: '=' });
    assert.deepEqual(parseSecurityOption('label:level:s0:c100'), { key: 'label', value: 'level:s0:c100', separator: ':' });
    assert.deepEqual(parseSecurityOption('SECCOMP=unconfined'), { key: 'SECCOMP', value: 'unconfined', separator: '=' });
  });

  it('merged entries: unknown ones counted, each located in the sequence that wrote it', () => {
    const m = model(
      [
        'x-sec: &sec',
        '  security_opt: [apparmor:unconfined]',
        'services:',
        '  web:',
        '    image: nginx:1.27',
        '    security_opt: ["${OPT}", seccomp:unconfined]',
        '  worker:',
        '    <<: *sec',
        '    image: busybox:1.36',
      ],
      {
        path: 'compose.yaml',
        files: reader({ 'compose.override.yaml': ['services:', '  web:', '    security_opt:', '      - label:disable'] }),
      },
    );
    const web = securityOptions(m.service('web')!);
    assert.equal(web.unknown, 1);
    assert.deepEqual(
      web.options.map((o) => [o.key, o.value, o.node.file, o.owner?.pair.file, o.owner?.pair.keyRange.start.line]),
      [
        ['seccomp', 'unconfined', 'compose.yaml', 'compose.yaml', 5],
        ['label', 'disable', 'compose.override.yaml', 'compose.override.yaml', 2],
      ],
    );
    const worker = securityOptions(m.service('worker')!);
    assert.deepEqual(
      worker.options.map((o) => [o.key, o.owner?.pair.keyRange.start.line]),
      [['apparmor', 1]],
    );
  });
});

describe('compose model: namespace modes', () => {
  it('host, service:, container:, other values and unknowns', () => {
    const m = model([
      'services:',
      '  a:',
      '    network_mode: host',
      '    pid: "service:b"',
      '    ipc: container:legacy',
      '    uts: HOST',
      '    cgroup: ${CG}',
      '  b:',
      '    network_mode: bridge',
    ]);
    const a = m.service('a')!;
    assert.deepEqual(
      [
        namespaceMode(a, 'network_mode')?.mode,
        namespaceMode(a, 'pid')?.mode,
        namespaceMode(a, 'pid')?.target,
        namespaceMode(a, 'ipc')?.mode,
        namespaceMode(a, 'ipc')?.target,
      ],
      ['host', 'service', 'b', 'container', 'legacy'],
    );
    assert.equal(namespaceMode(a, 'uts')?.mode, 'other');
    assert.equal(namespaceMode(a, 'cgroup'), undefined);
    assert.equal(namespaceMode(a, 'userns_mode'), undefined);
    assert.equal(namespaceMode(m.service('b')!, 'network_mode')?.mode, 'other');
  });
});

describe('compose edits: removeSeqItem', () => {
  const remove = (lines: readonly string[], index: number) => {
    const m = model(lines);
    const o = securityOptions(m.service('web')!).options[index]!;
    return apply(m.text, removeSeqItem(m, o.owner!.seq, o.node, o.owner!.pair))?.split('\n');
  };

  it('block list: the whole line, comments on it included', () => {
    assert.deepEqual(remove(['services:', '  web:', '    security_opt:', '      - a:b', '      - c:d # why', '    image: x'], 1), [
      'services:',
      '  web:',
      '    security_opt:',
      '      - a:b',
      '    image: x',
      '',
    ]);
  });

  it('flow list: first, middle and last items take one comma with them', () => {
    const lines = ['services:', '  web:', '    security_opt: [a:b, "c:d", e:f]'];
    assert.deepEqual(remove(lines, 0)?.[2], '    security_opt: ["c:d", e:f]');
    assert.deepEqual(remove(lines, 1)?.[2], '    security_opt: [a:b, e:f]');
    assert.deepEqual(remove(lines, 2)?.[2], '    security_opt: [a:b, "c:d"]');
  });

  it('the only item leaves an empty list, block or flow', () => {
    assert.deepEqual(remove(['services:', '  web:', '    security_opt:', '      - a:b', '    image: x'], 0), [
      'services:',
      '  web:',
      '    security_opt: []',
      '    image: x',
      '',
    ]);
    assert.deepEqual(remove(['services:', '  web:', '    security_opt: [a:b]'], 0), ['services:', '  web:', '    security_opt: []', '']);
  });

  it('refuses items of another file or not in the given sequence', () => {
    const m = model(['services:', '  web:', '    security_opt: [a:b]', '    cap_add: [c]']);
    const web = m.service('web')!;
    const item = securityOptions(web).options[0]!;
    assert.equal(removeSeqItem(m, web.get('cap_add')!.value, item.node), undefined);
    assert.equal(removeSeqItem({ file: 'other.yaml', index: m.index }, item.owner!.seq, item.node), undefined);
  });
});

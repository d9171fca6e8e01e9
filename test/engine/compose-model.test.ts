// The Compose model: accessors (short and long syntax), anchors and merge keys with origins,
// interpolation, the merged project view, budgets and broken input.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { analyze } from '../../server/src/engine/index';
import { buildComposeModel, interpolate, join, dirname, type ComposeOptions } from '../../server/src/engine/model/compose';

const model = (lines: readonly string[], options: ComposeOptions = {}) => buildComposeModel(lines.join('\n') + '\n', options);
const reader = (files: Record<string, readonly string[]>) => ({ read: (p: string) => (files[p] ? files[p].join('\n') + '\n' : undefined) });
const pos = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) => `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;

describe('compose model: accessors', () => {
  it('ports: short forms and long syntax', () => {
    const m = model(['services:', '  web:', '    ports:', '      - "80"', '      - 8080:80', '      - 127.0.0.1:8443:443/tcp', '      - "[::1]:53:53/udp"', '      - 9000-9010:9000-9010', '      - target: 22', '        published: "2222"', '        host_ip: 0.0.0.0', '        protocol: tcp', '        mode: host']);
    const ports = m.service('web')!.ports().map((p) => [p.hostIp, p.published, p.target, p.protocol, p.short]);
    assert.deepEqual(ports, [
      [undefined, undefined, '80', 'tcp', true],
      [undefined, '8080', '80', 'tcp', true],
      ['127.0.0.1', '8443', '443', 'tcp', true],
      ['::1', '53', '53', 'udp', true],
      [undefined, '9000-9010', '9000-9010', 'tcp', true],
      ['0.0.0.0', '2222', '22', 'tcp', false],
    ]);
    assert.equal(pos(m.service('web')!.ports()[2]!.node.range), '6:9-6:31');
  });

  it('volumes: bind, named, anonymous, modes and long syntax', () => {
    const m = model(['services:', '  web:', '    volumes:', '      - ./data:/data:ro,z', '      - cache:/cache', '      - /tmp/anon', '      - /var/run/docker.sock:/var/run/docker.sock', '      - C:\\logs:/logs:rw', '      - type: bind', '        source: /srv', '        target: /srv', '        read_only: true', '        bind:', '          propagation: rshared', '      - type: volume', '        source: db', '        target: /var/lib/db']);
    const v = m.service('web')!.volumes().map((x) => [x.type, x.source, x.target, x.readOnly, x.propagation ?? null]);
    assert.deepEqual(v, [
      ['bind', './data', '/data', true, null],
      ['volume', 'cache', '/cache', false, null],
      ['volume', undefined, '/tmp/anon', false, null],
      ['bind', '/var/run/docker.sock', '/var/run/docker.sock', false, null],
      ['bind', 'C:\\logs', '/logs', false, null],
      ['bind', '/srv', '/srv', true, 'rshared'],
      ['volume', 'db', '/var/lib/db', false, null],
    ]);
    assert.deepEqual(m.service('web')!.volumes()[0]!.options, ['ro', 'z']);
  });

  it('environment as list or map, env_file, secrets, caps, security_opt, sysctls, tmpfs, ulimits, devices', () => {
    const m = model([
      'services:',
      '  a:',
      '    environment:',
      '      - A=1',
      '      - B',
      '      - "C=x=y"',
      '    env_file: [.env, {path: ./extra.env, required: false}]',
      '    secrets: [db_pw, {source: api, target: /run/secrets/api}]',
      '    cap_add: [cap_sys_admin]',
      '    cap_drop: [ALL]',
      '    security_opt: ["no-new-privileges:true", "seccomp:unconfined"]',
      '    sysctls: {net.ipv4.ip_forward: 1}',
      '    tmpfs: /run:rw,noexec,nosuid',
      '    ulimits: {nproc: 65535, nofile: {soft: 1024, hard: 2048}}',
      '    devices: ["/dev/kvm:/dev/kvm:rwm"]',
      '  b:',
      '    environment:',
      '      A: "1"',
      '      B:',
    ]);
    const a = m.service('a')!;
    assert.deepEqual(a.environment().map((e) => [e.name, e.value]), [['A', '1'], ['B', null], ['C', 'x=y']]);
    assert.equal(pos(a.environment()[2]!.pair.keyRange), '6:10-6:11');
    assert.deepEqual(m.service('b')!.environment().map((e) => [e.name, e.value]), [['A', '1'], ['B', null]]);
    assert.deepEqual(a.envFiles().map((e) => [e.path, e.required]), [['.env', true], ['./extra.env', false]]);
    assert.deepEqual(a.secrets().map((s) => [s.source, s.target]), [['db_pw', undefined], ['api', '/run/secrets/api']]);
    assert.deepEqual(a.capAdd().map((c) => c.name), ['SYS_ADMIN']);
    assert.deepEqual(a.securityOpt().map((c) => c.name), ['no-new-privileges:true', 'seccomp:unconfined']);
    assert.deepEqual(a.sysctls().map((s) => [s.name, s.value]), [['net.ipv4.ip_forward', '1']]);
    assert.deepEqual(a.tmpfs().map((t) => [t.target, t.options]), [['/run', ['rw', 'noexec', 'nosuid']]]);
    assert.deepEqual(a.ulimits().map((u) => [u.name, u.soft, u.hard]), [['nproc', '65535', '65535'], ['nofile', '1024', '2048']]);
    assert.deepEqual(a.devices().map((d) => [d.host, d.container, d.permissions]), [['/dev/kvm', '/dev/kvm', 'rwm']]);
  });

  it('resources, healthcheck, logging, restart, build, networks, namespaces', () => {
    const m = model([
      'version: "3.9"',
      'services:',
      '  api:',
      '    build:',
      '      context: ./api',
      '      dockerfile: Dockerfile.prod',
      '      target: runtime',
      '      args: [VERSION=1.2, TOKEN]',
      '      secrets: [npmrc]',
      '      network: host',
      '      privileged: true',
      '      entitlements: [security.insecure]',
      '    mem_limit: 1g',
      '    deploy:',
      '      resources: {limits: {cpus: "0.5", pids: 100}}',
      '      restart_policy: {condition: on-failure, max_attempts: 3}',
      '    healthcheck: {test: ["NONE"]}',
      '    logging: {driver: json-file, options: {max-size: 10m}}',
      '    network_mode: host',
      '    pid: "service:db"',
      '    user: "0:0"',
      '    read_only: true',
      '    init: true',
      '  web:',
      '    build: ./web',
      '    restart: on-failure:5',
      '    networks: {front: {aliases: [www]}, back: {}}',
      'networks:',
      '  front: {}',
      '  back: {internal: true}',
    ]);
    const api = m.service('api')!;
    const r = api.resources();
    assert.deepEqual([r.memory?.value, r.memory?.legacy, r.cpus?.value, r.cpus?.legacy, r.pids?.value], ['1g', true, '0.5', false, '100']);
    const b = api.build()!;
    assert.deepEqual([b.short, b.context, b.dockerfile, b.target, b.network, b.privileged], [false, './api', 'Dockerfile.prod', 'runtime', 'host', true]);
    assert.deepEqual(b.args.map((a) => [a.name, a.value]), [['VERSION', '1.2'], ['TOKEN', null]]);
    assert.deepEqual([b.secrets[0]?.source, b.entitlements[0]?.name], ['npmrc', 'security.insecure']);
    assert.deepEqual([api.healthcheck()?.disabled, api.logging()?.driver, api.logging()?.options[0]?.value], [true, 'json-file', '10m']);
    assert.deepEqual([api.restart()?.policy, api.restart()?.maxAttempts, api.restart()?.source], ['on-failure', '3', 'deploy']);
    assert.deepEqual([api.string('network_mode'), api.string('pid'), api.string('user'), api.bool('read_only'), api.bool('init')], ['host', 'service:db', '0:0', true, true]);
    const web = m.service('web')!;
    assert.deepEqual([web.build()?.short, web.build()?.context, web.restart()?.policy, web.restart()?.maxAttempts], [true, './web', 'on-failure', '5']);
    assert.deepEqual(web.networks().map((n) => [n.name, n.aliases]), [['front', ['www']], ['back', []]]);
    assert.deepEqual(m.networks.map((n) => [n.name, n.internal]), [['front', false], ['back', true]]);
  });

  it('a version-less file, a version 2 file and a file without services all work', () => {
    assert.equal(model(['services:', '  web:', '    image: nginx']).services.length, 1);
    assert.equal(model(['version: "2"', 'services:', '  web:', '    image: nginx', '    mem_limit: 1g']).service('web')!.resources().memory?.value, '1g');
    assert.equal(model(['networks:', '  a: {}']).services.length, 0);
    assert.equal(model([]).services.length, 0);
  });
});

describe('compose model: anchors, merge keys, interpolation', () => {
  it('merge keys: explicit keys win, earlier sources win, origins point at the anchor', () => {
    const m = model(['x-a: &a', '  user: "1000"', '  read_only: true', 'x-b: &b', '  user: "2000"', '  init: true', 'services:', '  web:', '    <<: [*a, *b]', '    read_only: false']);
    const web = m.service('web')!;
    assert.deepEqual([web.string('user'), web.bool('read_only'), web.bool('init')], ['1000', false, true]);
    assert.equal(pos(web.get('user')!.range), '2:3-2:15');
    assert.equal(pos(web.get('read_only')!.range), '10:5-10:21');
  });

  it('an alias keeps the anchored node range; a redefined anchor resolves to the latest one before the alias', () => {
    const m = model(['x-caps: &caps [NET_RAW]', 'x-other: &caps [ALL]', 'services:', '  web:', '    cap_drop: *caps']);
    const web = m.service('web')!;
    assert.deepEqual(web.capDrop().map((c) => c.name), ['ALL']);
    assert.equal(pos(web.capDrop()[0]!.node.range), '2:17-2:20');
  });

  it('interpolation: defaults, errors, alternatives, escapes, nesting, unknowns', () => {
    const env = { SET: 'v', EMPTY: '' };
    const cases: [string, string | undefined][] = [
      ['${SET}', 'v'],
      ['$SET/x', 'v/x'],
      ['${UNSET}', undefined],
      ['${UNSET:-d}', 'd'],
      ['${EMPTY:-d}', 'd'],
      ['${EMPTY-d}', ''],
      ['${UNSET:?must be set}', undefined],
      ['${SET:?x}', 'v'],
      ['${SET:+alt}', 'alt'],
      ['${EMPTY:+alt}', ''],
      ['$$SET', '$SET'],
      ['a$$b', 'a$b'],
      ['${UNSET:-${SET}}', 'v'],
      ['${UNSET:-${ALSO_UNSET}}', undefined],
      ['price: 5$', 'price: 5$'],
    ];
    for (const [t, want] of cases) assert.equal(interpolate(t, env).value, want, t);
    assert.equal(interpolate('${SET}', undefined).value, undefined);
    assert.deepEqual(interpolate('${A:-${B}}', {}).variables, ['A', 'B']);
  });

  it('interpolated values in the model; keys are not interpolated', () => {
    const lines = ['services:', '  web:', '    image: "nginx:${TAG:-1.27}"', '    user: ${APP_UID}', '    environment:', '      - HOME=$$HOME'];
    const without = model(lines).service('web')!;
    assert.deepEqual([without.image, without.string('user'), without.environment()[0]?.value], ['nginx:1.27', undefined, '$HOME']);
    const withEnv = model(lines, { env: { TAG: '1.28', APP_UID: '10001' } }).service('web')!;
    assert.deepEqual([withEnv.image, withEnv.string('user')], ['nginx:1.28', '10001']);
    const user = withEnv.get('user')!.value;
    assert.equal(user.kind === 'scalar' && user.dynamic, true);
  });
});

describe('compose model: merged project view', () => {
  const base = ['services:', '  web:', '    image: nginx:1.27', '    cap_drop: [NET_RAW]', '    ports: ["8080:80"]', '    environment: {A: "1", B: "2"}', '    command: ["a"]', '    volumes: ["./a:/data"]'];
  const override = ['services:', '  web:', '    cap_drop: [MKNOD]', '    ports: ["9090:90"]', '    environment: [B=3, C=4]', '    command: ["b"]', '    volumes: ["./b:/data:ro"]', '    privileged: true', '  debug:', '    image: busybox'];

  it('base + override: lists append, maps merge by key, commands replace, volumes merge by target; origins per file', () => {
    const m = model(base, { path: '/p/compose.yaml', files: reader({ '/p/compose.override.yaml': override }) });
    assert.deepEqual(m.files.map((f) => f.path), ['/p/compose.yaml', '/p/compose.override.yaml']);
    const web = m.service('web')!;
    assert.deepEqual(web.capDrop().map((c) => c.name), ['NET_RAW', 'MKNOD']);
    assert.deepEqual(web.ports().map((p) => p.published), ['8080', '9090']);
    assert.deepEqual(web.environment().map((e) => [e.name, e.value, e.pair.file]), [['A', '1', '/p/compose.yaml'], ['B', '3', '/p/compose.override.yaml'], ['C', '4', '/p/compose.override.yaml']]);
    const command = web.get('command')!.value;
    assert.deepEqual(command.kind === 'seq' && command.items.map((i) => i.kind === 'scalar' && i.value), ['b']);
    assert.deepEqual(web.volumes().map((v) => [v.source, v.readOnly]), [['./b', true]]);
    assert.equal(web.get('privileged')!.file, '/p/compose.override.yaml');
    assert.deepEqual([web.key.file, pos(web.key.range)], ['/p/compose.yaml', '2:3-2:6']);
    assert.deepEqual([m.service('debug')!.key.file, m.isLocal(m.service('debug')!.key)], ['/p/compose.override.yaml', false]);
  });

  it('analysing the override: same merged view, the override is the local file', () => {
    const m = model(override, { path: '/p/compose.override.yaml', files: reader({ '/p/compose.yaml': base }) });
    assert.equal(m.file, '/p/compose.override.yaml');
    assert.equal(m.service('web')!.key.file, '/p/compose.yaml');
    assert.ok(m.isLocal(m.service('web')!.get('privileged')!));
  });

  it('without a reader the file is analysed alone; an explicit project list is honoured', () => {
    assert.equal(model(base, { path: '/p/compose.yaml' }).files.length, 1);
    const m = model(base, { path: '/p/compose.yaml', project: ['/p/compose.yaml', '/p/compose.prod.yaml'], files: reader({ '/p/compose.prod.yaml': ['services:', '  web:', '    read_only: true'] }) });
    assert.equal(m.service('web')!.bool('read_only'), true);
  });

  it('extends (same file, other file, chained) and include', () => {
    const files = reader({
      '/p/common/base.yaml': ['services:', '  hardened:', '    extends: {service: root}', '    read_only: true', '  root:', '    cap_drop: [ALL]'],
      '/p/db/compose.yaml': ['services:', '  db:', '    image: postgres:16'],
    });
    const m = model(['include:', '  - path: db/compose.yaml', 'services:', '  web:', '    extends:', '      file: common/base.yaml', '      service: hardened', '    image: nginx', '  worker:', '    extends: web', '    command: work'], { path: '/p/compose.yaml', files });
    const web = m.service('web')!;
    assert.deepEqual([web.bool('read_only'), web.capDrop()[0]?.name, web.image, web.get('extends')], [true, 'ALL', 'nginx', undefined]);
    assert.equal(web.get('read_only')!.file, '/p/common/base.yaml');
    assert.deepEqual([m.service('worker')!.image, m.service('worker')!.bool('read_only')], ['nginx', true]);
    assert.deepEqual([m.service('db')!.image, m.service('db')!.key.file, m.service('db')!.definitions[0]!.via], ['postgres:16', '/p/db/compose.yaml', 'include']);
  });

  it('!reset and !override tags', () => {
    const m = model(['services:', '  web:', '    image: nginx', '    ports: ["80:80"]', '    cap_add: [NET_ADMIN]'], {
      path: 'compose.yaml',
      files: reader({ 'compose.override.yaml': ['services:', '  web:', '    ports: !reset []', '    cap_add: !override [CHOWN]'] }),
    });
    assert.deepEqual([m.service('web')!.ports().length, m.service('web')!.capAdd().map((c) => c.name)], [0, ['CHOWN']]);
    assert.deepEqual(m.problems, []);
  });

  it('cyclic extends and self-including files terminate', () => {
    const m = model(['include: [compose.yaml]', 'services:', '  a: {extends: b}', '  b: {extends: a}'], { path: 'compose.yaml', files: reader({}) });
    assert.equal(m.services.length, 2);
  });

  it('path helpers are POSIX and Windows tolerant', () => {
    assert.equal(join('/p/x', '../common/./base.yaml'), '/p/common/base.yaml');
    assert.equal(join('C:\\p\\x', '..\\db\\compose.yaml'), 'C:\\p\\db\\compose.yaml');
    assert.equal(join('/p', '/abs/c.yaml'), '/abs/c.yaml');
    assert.equal(dirname('C:\\p\\compose.yaml'), 'C:\\p');
    assert.equal(dirname('compose.yaml'), '.');
    assert.equal(join('.', 'compose.override.yaml'), 'compose.override.yaml');
  });
});

describe('compose model: bad input and budgets', () => {
  it('an alias bomb stops at the budget with a clear problem, quickly', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    const names = 'abcdefghijklmnop';
    for (let i = 1; i < 12; i++) bomb.push(`${names[i]}: &${names[i]} [${Array(9).fill('*' + names[i - 1]).join(',')}]`);
    bomb.push('services:', '  web:', '    image: nginx', '    privileged: true');
    const started = Date.now();
    const r = analyze(bomb.join('\n'), { kind: 'compose' });
    assert.ok(Date.now() - started < 5000);
    const p = r.problems.find((x) => x.code === 'too-large');
    assert.ok(p && /alias bomb/.test(p.message), JSON.stringify(r.problems));
  });

  it('deep flow nesting is refused before parsing; deep block nesting is bounded', () => {
    const deep = analyze('services: ' + '['.repeat(20000) + ']'.repeat(20000) + '\n', { kind: 'compose' });
    assert.ok(deep.problems.some((p) => p.code === 'too-large' && /nesting/.test(p.message)));
    let block = 'x:\n';
    for (let i = 1; i < 300; i++) block += ' '.repeat(i) + 'k:\n';
    const r = analyze(block, { kind: 'compose' });
    assert.ok(r.problems.some((p) => /deeper than/.test(p.message)));
  });

  it('broken YAML: a problem at the error position, and the rest is still analysed', () => {
    const r = analyze(['services:', '  web:', '    image: nginx', '    privileged: true', '  db:', '    image: "unterminated', '  cache:', '    image: redis'].join('\n') + '\n', { kind: 'compose' });
    const syntax = r.problems.filter((p) => p.code === 'syntax' && p.severity === 'error');
    assert.ok(syntax.length > 0);
    assert.ok(syntax.some((p) => p.range.start.line >= 5), JSON.stringify(syntax.map((p) => p.range)));
    assert.ok(r.findings.some((f) => f.ruleId === 'compose-privileged' && f.range.start.line === 3));
  });

  it('a top-level that is not a mapping is a problem, not an exception', () => {
    assert.ok(analyze('- a\n- b\n', { kind: 'compose' }).problems.some((p) => /mapping/.test(p.message)));
  });

  it('the heavy-alias getsentry corpus file parses and yields its services', (t) => {
    const file = '/work/shared/corpus/getsentry__self-hosted/docker-compose.yml';
    if (!existsSync(file)) {
      t.skip(`corpus file not present: ${file}`);
      return;
    }
    const m = buildComposeModel(readFileSync(file, 'utf8'), { path: file });
    assert.deepEqual(m.problems.filter((p) => p.severity === 'error'), []);
    assert.ok(m.services.length > 20, `${m.services.length} services`);
    assert.ok(m.services.every((s) => s.image !== undefined || s.build() !== undefined || s.get('extends') !== undefined || s.string('image') === undefined));
  });
});

describe('compose model: ignore comments cover YAML nodes', () => {
  it('above a service key: the whole service; above a key: that pair', () => {
    const text = ['services:', '  # bulkhead ignore=compose-privileged,compose-cap-drop-all kvm needs it', '  vm:', '    image: qemu', '    privileged: true', '  web:', '    image: nginx', '    # bulkhead ignore=compose-privileged', '    privileged: true', '    cap_drop: [ALL]'].join('\n') + '\n';
    const r = analyze(text, { kind: 'compose' });
    assert.deepEqual(r.problems, []);
    const ids = (l: readonly { ruleId: string; range: { start: { line: number } } }[]) => l.map((f) => `${f.ruleId}@${f.range.start.line + 1}`).sort();
    assert.deepEqual(ids(r.suppressed), ['compose-cap-drop-all@3', 'compose-privileged@5', 'compose-privileged@9']);
    assert.ok(!r.findings.some((f) => f.ruleId === 'compose-privileged'));
  });
});

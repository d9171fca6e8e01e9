// Model helpers of the Compose port and secret rules: port ranges, host address scopes,
// published ports of a service (unknown values, network modes) and literal secrets.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hostIpFamily, hostIpScope, parsePortRange, rangesOverlap, SENSITIVE_PORTS, sensitivePortIn } from '../../server/src/engine/model/ports';
import { literalSecret } from '../../server/src/engine/model/secrets';
import { buildComposeModel, publishedPorts } from '../../server/src/engine/model/compose';

const service = (lines: readonly string[], env?: Record<string, string>) =>
  buildComposeModel(['services:', '  s:', ...lines].join('\n') + '\n', env ? { env } : {}).service('s')!;

describe('model: published ports', () => {
  it('port ranges: single ports and ranges; nothing else', () => {
    assert.deepEqual(parsePortRange('8080'), { low: 8080, high: 8080 });
    assert.deepEqual(parsePortRange('9000-9010'), { low: 9000, high: 9010 });
    assert.equal(parsePortRange('0'), undefined);
    assert.equal(parsePortRange('70000'), undefined);
    assert.equal(parsePortRange('9010-9000'), undefined);
    assert.equal(parsePortRange('${PORT}'), undefined);
    assert.equal(parsePortRange(undefined), undefined);
    assert.ok(rangesOverlap({ low: 9000, high: 9005 }, { low: 9005, high: 9005 }));
    assert.ok(!rangesOverlap({ low: 9000, high: 9005 }, { low: 9006, high: 9010 }));
  });

  it('host address scope and family', () => {
    assert.deepEqual(
      [undefined, '', '0.0.0.0', '::', '[::]', '127.0.0.1', '127.0.1.1', '::1', '[::1]', 'localhost', '192.168.1.10', 'fe80::1'].map(hostIpScope),
      ['all', 'all', 'all', 'all', 'all', 'loopback', 'loopback', 'loopback', 'loopback', 'loopback', 'specific', 'specific'],
    );
    assert.deepEqual([undefined, '0.0.0.0', '::', '[::1]'].map(hostIpFamily), [undefined, 4, 6, 6]);
  });

  it('the sensitive-port table is shared, and pools are not services', () => {
    assert.equal(SENSITIVE_PORTS[5432]?.service, 'PostgreSQL');
    assert.equal(SENSITIVE_PORTS[22]?.service, 'SSH');
    assert.equal(sensitivePortIn({ low: 5430, high: 5440 }, [5432]), 5432);
    assert.equal(sensitivePortIn({ low: 1000, high: 6000 }, [5432]), undefined);
  });

  it('publishedPorts: scope, ranges, unknown values', () => {
    const s = service([
      '    ports:',
      '      - "80"',
      '      - 127.0.0.1:8443:443/UDP',
      '      - "${BIND}:8080:80"',
      '      - "${P:-9000}:9000"',
      '      - target: 22',
      '        published: ${SSH_PORT}',
      '      - target: 53',
      '        host_ip: "::"',
    ]);
    assert.deepEqual(
      publishedPorts(s).map((p) => [
        p.scope,
        p.published ? `${p.published.low}-${p.published.high}` : null,
        p.target ? p.target.low : null,
        p.protocol,
        p.unknown,
      ]),
      [
        ['all', null, 80, 'tcp', false],
        ['loopback', '8443-8443', 443, 'udp', false],
        ['all', null, null, 'tcp', true],
        ['all', '9000-9000', 9000, 'tcp', false],
        ['all', null, 22, 'tcp', true],
        ['all', null, 53, 'tcp', false],
      ],
    );
  });

  it("publishedPorts: nothing when the network namespace is not the service's own", () => {
    for (const mode of ['host', 'none', '"service:db"', 'container:abc'])
      assert.deepEqual(publishedPorts(service([`    network_mode: ${mode}`, '    ports: ["8080:80"]'])), [], mode);
    assert.equal(publishedPorts(service(['    network_mode: bridge', '    ports: ["8080:80"]'])).length, 1);
  });
});

describe('model: literal secrets', () => {
  it('token formats whatever the name, URL passwords, secret names with real values', () => {
    assert.deepEqual(literalSecret('GH', 'ghp_0123456789abcdefghijklmnopqrstuvwxyzAB'), { kind: 'token', label: 'GitHub token' });
    assert.deepEqual(literalSecret('DATABASE_URL', 'postgres://app:hunter2hunter2@db/app'), { kind: 'urlPassword' });
    assert.deepEqual(literalSecret('POSTGRES_PASSWORD', 's3cr3t'), { kind: 'named' });
    assert.deepEqual(literalSecret('SIGNING_SEED', 'abc123', true), { kind: 'named' });
  });

  it('placeholders, file paths and names that are not secrets', () => {
    assert.equal(literalSecret('POSTGRES_PASSWORD', 'changeme'), undefined);
    assert.equal(literalSecret('DB_PASSWORD', '/run/secrets/db_password'), undefined);
    assert.equal(literalSecret('xpack.security.http.ssl.key', 'certs/es01/es01.key'), undefined);
    assert.equal(literalSecret('MAILCOW_PASS_SCHEME', 'BLF-CRYPT'), undefined);
    assert.equal(literalSecret('LOG_LEVEL', 'debug'), undefined);
    assert.equal(literalSecret('DATABASE_URL', 'postgres://app@db/app'), undefined);
  });
});

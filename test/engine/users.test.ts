// Account and permission knowledge (model/users.ts) used by the D03–D10 rules.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildDockerfileModel } from '../../server/src/engine/model/dockerfile';
import { accountCommand, chmodCall, chownCall, installedPackages, knownUids, parseMode, passwordChange } from '../../server/src/engine/model/users';

function commands(run: string) {
  return buildDockerfileModel(`FROM debian:12\nRUN ${run}\n`)
    .commands()
    .map((c) => c.command);
}
function first(run: string) {
  const cmd = commands(run)[0];
  assert.ok(cmd, `no command in ${run}`);
  return cmd;
}

describe('users: chmod modes', () => {
  it('octal modes', () => {
    assert.deepEqual(parseMode('4755'), { setuid: true, setgid: false, sticky: false, worldWritable: false });
    assert.deepEqual(parseMode('2775'), { setuid: false, setgid: true, sticky: false, worldWritable: false });
    assert.deepEqual(parseMode('1777'), { setuid: false, setgid: false, sticky: true, worldWritable: true });
    assert.deepEqual(parseMode('0666'), { setuid: false, setgid: false, sticky: false, worldWritable: true });
    assert.deepEqual(parseMode('775'), { setuid: false, setgid: false, sticky: false, worldWritable: false });
  });

  it('symbolic modes: who, several clauses and actions, removal', () => {
    assert.equal(parseMode('+s')?.setuid, true);
    assert.equal(parseMode('+s')?.setgid, true);
    assert.equal(parseMode('g+s')?.setuid, false);
    assert.equal(parseMode('o+s')?.setuid, false);
    assert.equal(parseMode('u=rwxs,go=rx')?.setuid, true);
    assert.equal(parseMode('u-s,g-s')?.setuid, false);
    assert.equal(parseMode('a+w')?.worldWritable, true);
    assert.equal(parseMode('o+rw')?.worldWritable, true);
    assert.equal(parseMode('go+r-w')?.worldWritable, false);
    // Without who, +w follows the umask (022 in builds): no write for others.
    assert.equal(parseMode('+w')?.worldWritable, false);
    assert.equal(parseMode('a+rwxt')?.sticky, true);
  });

  it('not a mode', () => {
    assert.equal(parseMode('$MODE'), undefined);
    assert.equal(parseMode('rwx'), undefined);
    assert.equal(parseMode('u+z'), undefined);
  });
});

describe('users: chmod and chown calls', () => {
  it('chmod options before and after the mode, behind sudo', () => {
    const c = chmodCall(first('sudo chmod 0777 -R /var/lib/x /y'));
    assert.ok(c);
    assert.equal(c.mode.value, '0777');
    assert.equal(c.recursive, true);
    assert.deepEqual(
      c.operands.map((w) => w.value),
      ['/var/lib/x', '/y'],
    );
    assert.equal(chmodCall(first('chmod --reference=/bin/ls /x')), undefined);
    assert.equal(chmodCall(first('chown 777 /x')), undefined);
  });

  it('chown owner, recursion, group-only changes', () => {
    const c = chownCall(first('chown -R app:app /app /data'));
    assert.ok(c);
    assert.equal(c.user, 'app');
    assert.equal(c.recursive, true);
    assert.deepEqual(
      c.operands.map((w) => w.value),
      ['/app', '/data'],
    );
    assert.equal(chownCall(first('chown 1000.1000 /x'))?.user, '1000');
    assert.equal(chownCall(first('chown :staff /x')), undefined);
  });
});

describe('users: account commands', () => {
  it('useradd name and UID in every spelling', () => {
    assert.equal(accountCommand(first('useradd -u 10001 -m app'))?.id?.value, '10001');
    assert.equal(accountCommand(first('useradd --uid=10001 app'))?.id?.value, '10001');
    assert.equal(accountCommand(first('useradd -mu10001 app'))?.id?.value, '10001');
    assert.equal(accountCommand(first('useradd -c "A B" -u 1 app'))?.name?.value, 'app');
    assert.equal(accountCommand(first('groupadd -g 10001 app'))?.id?.value, '10001');
    assert.equal(accountCommand(first('adduser -D -u 10001 -G app app'))?.name?.value, 'app');
    assert.equal(accountCommand(first('adduser --system --uid 10001 app'))?.id?.value, '10001');
    assert.equal(accountCommand(first('id -u app')), undefined);
  });

  it('known UIDs: only explicit, consistent, numeric ones', () => {
    const uids = knownUids(commands('useradd -u 10001 a && adduser -D -u 10002 b && useradd c && useradd -u "$X" d && useradd -u 1 e && useradd -u 2 e'));
    assert.deepEqual(
      [...uids],
      [
        ['a', '10001'],
        ['b', '10002'],
      ],
    );
  });

  it('password changes', () => {
    const kinds = (run: string) => commands(run).map((c) => passwordChange(c)?.kind);
    assert.deepEqual(kinds('echo a:b | chpasswd'), [undefined, 'chpasswd']);
    assert.deepEqual(kinds('passwd -d root'), ['passwdDelete']);
    assert.deepEqual(kinds('echo x | passwd app'), [undefined, 'passwdStdin']);
    assert.deepEqual(kinds('passwd -l root'), [undefined]);
    assert.deepEqual(kinds('usermod -p HASH app'), ['passwordOption']);
    assert.equal(passwordChange(first('useradd -pHASH app'))?.flag, '-p');
  });

  it('installed packages skip options, virtual names and version pins', () => {
    const names = (run: string) => installedPackages(first(run)).map((p) => `${p.manager}:${p.name}`);
    assert.deepEqual(names('apt-get install -y --no-install-recommends a b=1.2'), ['apt-get:a', 'apt-get:b']);
    assert.deepEqual(names('apk add --no-cache --virtual .deps gcc'), ['apk:gcc']);
    assert.deepEqual(names('dnf install -y openssh'), ['dnf:openssh']);
    assert.deepEqual(names('apt-get remove -y a'), []);
  });
});

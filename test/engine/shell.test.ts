import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TextIndex } from '../../server/src/engine/text';
import { effectiveName, isShellInterpreter, parseShell, unwrap } from '../../server/src/engine/model/shell';
import { downloadsToStdout, insecureTlsFlags, interpreterProgram, scanOptions, signatureBypassFlags } from '../../server/src/engine/model/commands';

function script(text: string) {
  return parseShell(new TextIndex(text), [{ start: 0, end: text.length }], '\\');
}
function first(text: string) {
  const cmd = script(text).commands[0];
  assert.ok(cmd, `no command in ${text}`);
  return cmd;
}

describe('shell model', () => {
  it('process substitution is a word whose commands know their parent', () => {
    const s = script('bash <(curl -fsSL https://x.example/i.sh) --yes');
    assert.deepEqual(s.commands.map((c) => c.name?.value), ['bash', 'curl']);
    const [bash, curl] = s.commands;
    assert.deepEqual(bash!.args.map((a) => a.raw), ['<(curl -fsSL https://x.example/i.sh)', '--yes']);
    assert.equal(curl!.inSubstitution, true);
    assert.equal(curl!.parent?.kind, 'process');
    assert.equal(curl!.parent?.command, bash);
    assert.equal(curl!.parent?.word.raw, '<(curl -fsSL https://x.example/i.sh)');
  });

  it('command substitution in a double-quoted -c argument', () => {
    const s = script('sh -c "$(curl -fsSL https://x.example/i.sh)"');
    const curl = s.commands.find((c) => c.name?.value === 'curl');
    assert.equal(curl?.parent?.kind, 'command');
    assert.equal(curl?.parent?.command?.name?.value, 'sh');
    assert.equal(curl?.parent?.word.range.start.character, 6);
  });

  it('substitution in an assignment has no parent command', () => {
    const curl = script('V=$(curl -s https://x.example/v)').commands.find((c) => c.name?.value === 'curl');
    assert.equal(curl?.parent?.command?.name, undefined);
  });

  it('a redirection target can hold a substitution', () => {
    const s = script('cat > "$(mktemp)"');
    assert.equal(s.commands[1]?.name?.value, 'mktemp');
  });

  it('unwraps gosu, su-exec, busybox and doas', () => {
    assert.equal(effectiveName(first('gosu app node server.js')), 'node');
    assert.equal(effectiveName(first('su-exec 1000:1000 /app/run')), 'run');
    assert.equal(effectiveName(first('busybox wget -qO- https://x.example')), 'wget');
    assert.equal(effectiveName(first('doas -u app make')), 'make');
    assert.deepEqual(unwrap(first('sudo -E -u app bash -')).args.map((a) => a.value), ['-']);
  });

  it('interpreters', () => {
    assert.equal(isShellInterpreter(first('busybox sh')), true);
    assert.equal(isShellInterpreter(first('python3.12 -')), true);
    assert.equal(isShellInterpreter(first('tar -xz')), false);
  });
});

describe('command knowledge', () => {
  it('scans combined short flags and stops a flag at its value', () => {
    const opts = scanOptions(first('curl -fsSLo out https://x').args, { short: 'o', long: new Set(), permute: true });
    assert.deepEqual(
      opts.map((o) => (o.kind === 'operand' ? `=${o.word.value}` : o.kind === 'short' ? `-${o.letter}${o.value ? ':' + o.value : ''}` : `--${o.name}`)),
      ['-f', '-s', '-S', '-L', '-o:out', '=https://x'],
    );
  });

  it('downloads to stdout', () => {
    assert.equal(downloadsToStdout(first('curl -fsSL https://x')), true);
    assert.equal(downloadsToStdout(first('curl -fsSLo /tmp/x https://x')), false);
    assert.equal(downloadsToStdout(first('curl -o - https://x')), true);
    assert.equal(downloadsToStdout(first('curl -O https://x')), false);
    assert.equal(downloadsToStdout(first('wget https://x')), false);
    assert.equal(downloadsToStdout(first('wget -qO- https://x')), true);
    assert.equal(downloadsToStdout(first('wget -O- -nv https://x')), true);
    assert.equal(downloadsToStdout(first('wget --output-document=- https://x')), true);
    assert.equal(downloadsToStdout(first('fetch -o - https://x')), true);
    assert.equal(downloadsToStdout(first('curl --version')), false);
  });

  it('where an interpreter reads its program', () => {
    assert.deepEqual(interpreterProgram(first('sh')), { from: 'stdin' });
    assert.deepEqual(interpreterProgram(first('bash -s -- --yes')), { from: 'stdin' });
    assert.deepEqual(interpreterProgram(first('bash /dev/stdin')), { from: 'stdin' });
    assert.deepEqual(interpreterProgram(first('php -- --install-dir=/usr/local/bin')), { from: 'stdin' });
    assert.equal(interpreterProgram(first('python3 -c "print(1)"'))?.from, 'inline');
    assert.equal(interpreterProgram(first('perl -ne print'))?.from, 'inline');
    assert.equal(interpreterProgram(first('node parse.js'))?.from, 'file');
    assert.equal(interpreterProgram(first('jq .tag')), undefined);
  });

  it('TLS and signature flags', () => {
    assert.deepEqual(insecureTlsFlags(first('curl -fsSLk https://x')).map((h) => [h.flag, h.at]), [['-k', 5]]);
    assert.deepEqual(insecureTlsFlags(first('curl -Hk https://x')), []);
    assert.deepEqual(signatureBypassFlags(first('apt-get -o APT::Get::AllowUnauthenticated=1 install x')).map((h) => [h.flag, h.word.value, h.value?.value]), [['APT::Get::AllowUnauthenticated', '-o', 'APT::Get::AllowUnauthenticated=1']]);
    assert.deepEqual(signatureBypassFlags(first('zypper --gpg-auto-import-keys ref')).map((h) => [h.kind, h.removable]), [['autoImport', false]]);
  });
});

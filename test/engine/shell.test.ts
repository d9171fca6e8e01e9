import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TextIndex } from '../../server/src/engine/text';
import { effectiveName, isShellInterpreter, parseShell, unwrap } from '../../server/src/engine/model/shell';
import { downloadsToStdout, insecureTlsFlags, interpreterProgram, scanOptions, signatureBypassFlags } from '../../server/src/engine/model/commands';

function script(text: string, escapeChar = '\\') {
  return parseShell(new TextIndex(text), [{ start: 0, end: text.length }], escapeChar);
}
function names(text: string): (string | undefined)[] {
  return script(text).commands.map((c) => c.name?.value);
}
function first(text: string) {
  const cmd = script(text).commands[0];
  assert.ok(cmd, `no command in ${text}`);
  return cmd;
}

describe('shell model', () => {
  it('process substitution is a word whose commands know their parent', () => {
    const s = script('bash <(curl -fsSL https://x.example/i.sh) --yes');
    assert.deepEqual(
      s.commands.map((c) => c.name?.value),
      ['bash', 'curl'],
    );
    const [bash, curl] = s.commands;
    assert.deepEqual(
      bash!.args.map((a) => a.raw),
      ['<(curl -fsSL https://x.example/i.sh)', '--yes'],
    );
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
    assert.deepEqual(
      unwrap(first('sudo -E -u app bash -')).args.map((a) => a.value),
      ['-'],
    );
  });

  it('interpreters', () => {
    assert.equal(isShellInterpreter(first('busybox sh')), true);
    assert.equal(isShellInterpreter(first('python3.12 -')), true);
    assert.equal(isShellInterpreter(first('tar -xz')), false);
  });
});

describe('shell model: grammar the lexer must not turn into commands', () => {
  it('set -eux; with line continuations: ranges on the right lines', () => {
    const s = script('set -eux; \\\n    apt-get update; \\\n    apt-get install -y --no-install-recommends curl');
    assert.deepEqual(
      s.commands.map((c) => [c.name?.value, ...c.args.map((a) => a.value)]),
      [
        ['set', '-eux'],
        ['apt-get', 'update'],
        ['apt-get', 'install', '-y', '--no-install-recommends', 'curl'],
      ],
    );
    assert.deepEqual(s.commands[2]!.args[3]!.range, { start: { line: 2, character: 47 }, end: { line: 2, character: 51 } });
    assert.deepEqual(
      s.pipelines.map((p) => p.after),
      [undefined, ';', ';'],
    );
  });

  it('a word split by a continuation keeps one range across both lines', () => {
    const cmd = first('ec\\\nho hi');
    assert.equal(cmd.name?.value, 'echo');
    assert.deepEqual(cmd.name?.range, { start: { line: 0, character: 0 }, end: { line: 1, character: 2 } });
  });

  it('escape directive: back-tick continuations', () => {
    const s = script('apt-get install `\n  curl', '`');
    assert.deepEqual(
      s.commands[0]!.args.map((a) => a.value),
      ['install', 'curl'],
    );
    assert.deepEqual(s.commands[0]!.args[1]!.range, { start: { line: 1, character: 2 }, end: { line: 1, character: 6 } });
  });

  it('pipelines and the operators that join them', () => {
    const s = script('a | b && c; d || e & f\ng');
    assert.deepEqual(
      s.pipelines.map((p) => [p.commands.map((c) => c.name?.value).join('|'), p.after]),
      [
        ['a|b', undefined],
        ['c', '&&'],
        ['d', ';'],
        ['e', '||'],
        ['f', '&'],
        ['g', '\n'],
      ],
    );
    assert.deepEqual(
      s.commands.map((c) => c.pipelineIndex),
      [0, 1, 0, 0, 0, 0, 0],
    );
  });

  it('assignments, quoting and redirections', () => {
    const cmd = first('A=1 B="x y" make -j"$(nproc)" \'a b\' c\\ d $\'e\' 2>&1 > /dev/null <<< "$IN"');
    assert.deepEqual(
      cmd.assignments.map((a) => a.raw),
      ['A=1', 'B="x y"'],
    );
    assert.deepEqual(
      cmd.args.map((a) => a.value),
      ['-j$(nproc)', 'a b', 'c d', 'e'],
    );
    assert.deepEqual(
      cmd.redirects.map((r) => [r.op, r.target?.value]),
      [
        ['2>&', '1'],
        ['>', '/dev/null'],
        ['<<<', '$IN'],
      ],
    );
  });

  it('[[ ]] is one command: && and < inside it are operands', () => {
    assert.deepEqual(names('if [[ -n "$X" && $Y == a* ]]; then curl -k https://x; fi'), ['[[', 'curl']);
    assert.deepEqual(
      script('[[ $a < $b || -f x ]] && echo y').commands[0]!.args.map((a) => a.raw),
      ['$a', '<', '$b', '||', '-f', 'x', ']]'],
    );
  });

  it('case: subject and patterns are not commands, branch bodies are', () => {
    const s = script('case "$(uname -m)" in amd64) a=x86_64 ;; (arm64|aarch64) curl -fsSL x | sh ;; *) exit 1;; esac; echo done');
    assert.deepEqual(
      s.commands.map((c) => c.name?.value),
      [undefined, 'uname', 'curl', 'sh', 'exit', 'echo'],
    );
    assert.equal(s.commands[1]!.parent?.command, undefined);
    assert.deepEqual(names('case $x in\n  a)\n    apt-get update\n    ;;\nesac\nls'), ['apt-get', 'ls']);
  });

  it('function definitions: the name is not a command, the body is', () => {
    assert.deepEqual(names('f() { wget -qO- x | bash; }; f'), ['wget', 'bash', 'f']);
    assert.deepEqual(names('function g { id; }'), ['id']);
    assert.deepEqual(names('function h() {\n  id\n}'), ['id']);
  });

  it('arithmetic is not a command; substitutions inside it are', () => {
    assert.deepEqual(names('echo $(( 1 + $(nproc) )); (( i++ ))'), ['echo', 'nproc']);
    assert.deepEqual(names('for ((i = 0; i < 3; i++)); do echo "$((i * 2))"; done'), ['echo']);
  });

  it('for lists are not commands; their substitutions are', () => {
    const s = script('for f in $(curl -s https://x.example/list); do echo "$f"; done');
    assert.deepEqual(
      s.commands.map((c) => c.name?.value),
      ['curl', 'echo'],
    );
    assert.equal(s.commands[0]!.parent?.word.raw, '$(curl -s https://x.example/list)');
  });

  it('parameter expansion with a nested substitution and a quoted brace', () => {
    const s = script('echo ${A:-$(curl -s x)} ${B:-"}"} z');
    assert.deepEqual(
      s.commands.map((c) => c.name?.value),
      ['echo', 'curl'],
    );
    assert.deepEqual(
      s.commands[0]!.args.map((a) => a.raw),
      ['${A:-$(curl -s x)}', '${B:-"}"}', 'z'],
    );
  });

  it('nested and quoted substitutions', () => {
    assert.deepEqual(names('echo "$(echo ")")" "$(dirname "$(readlink -f x)")"'), ['echo', 'echo', 'dirname', 'readlink']);
    assert.deepEqual(names('echo `id -u`'), ['echo', 'id']);
  });

  it('heredoc bodies inside a script are not commands', () => {
    const s = script("cat <<'EOF' > /etc/x.conf\nlisten 80\nEOF\napt-get install y");
    assert.deepEqual(
      s.commands.map((c) => c.name?.value),
      ['cat', 'apt-get'],
    );
    assert.deepEqual(
      s.commands[0]!.redirects.map((r) => [r.op, r.target?.value]),
      [
        ['<<', 'EOF'],
        ['>', '/etc/x.conf'],
      ],
    );
    assert.deepEqual(s.commands[1]!.name?.range, { start: { line: 3, character: 0 }, end: { line: 3, character: 7 } });
    assert.deepEqual(names('cat <<-EOF | sh\n\tcurl x\n\tEOF\nls'), ['cat', 'sh', 'ls']);
  });

  it('substitutions in an unquoted heredoc body run; in a quoted one they do not', () => {
    const s = script('cat <<EOF > /x\nuid $(id -u)\nEOF');
    assert.deepEqual(
      s.commands.map((c) => c.name?.value),
      ['cat', 'id'],
    );
    assert.equal(s.commands[1]!.parent?.word.value, 'EOF');
    assert.equal(s.commands[1]!.parent?.command, s.commands[0]);
    assert.deepEqual(s.commands[1]!.name?.range, { start: { line: 1, character: 6 }, end: { line: 1, character: 8 } });
    assert.deepEqual(names("cat <<'EOF'\nuid $(id -u)\nEOF"), ['cat']);
  });

  it('a Dockerfile heredoc: head and body are separate segments of one script', () => {
    const text = 'RUN <<EOF bash\nset -e\ncurl -fsSL x | sh\nEOF\n';
    const s = parseShell(
      new TextIndex(text),
      [
        { start: 4, end: 14 },
        { start: 15, end: 39 },
      ],
      '\\',
    );
    assert.deepEqual(
      s.commands.map((c) => c.name?.value),
      ['bash', 'set', 'curl', 'sh'],
    );
    assert.deepEqual(s.commands[2]!.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 12 } });
    assert.deepEqual(
      s.commands[0]!.redirects.map((r) => [r.op, r.target?.value]),
      [['<<', 'EOF']],
    );
  });

  it('partial input while typing still yields commands', () => {
    assert.deepEqual(names('apt-get install -y "curl'), ['apt-get']);
    assert.deepEqual(names('curl $(wget -O- x'), ['curl', 'wget']);
    assert.deepEqual(names('if [[ -f x && '), ['[[']);
    assert.deepEqual(names('case $x in a) apt-get'), ['apt-get']);
    assert.deepEqual(names('cat <<EOF\nnot a command'), ['cat']);
  });

  it('process substitution and pipes into a shell', () => {
    const s = script('diff <(sort a) >(tee b) | bash -s');
    assert.deepEqual(
      s.commands.map((c) => [c.name?.value, c.inSubstitution, c.parent?.kind]),
      [
        ['diff', false, undefined],
        ['sort', true, 'process'],
        ['tee', true, 'process'],
        ['bash', false, undefined],
      ],
    );
    assert.deepEqual(
      s.commands[3]!.pipeline.commands.map((c) => c.name?.value),
      ['diff', 'bash'],
    );
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
    assert.deepEqual(
      insecureTlsFlags(first('curl -fsSLk https://x')).map((h) => [h.flag, h.at]),
      [['-k', 5]],
    );
    assert.deepEqual(insecureTlsFlags(first('curl -Hk https://x')), []);
    assert.deepEqual(
      signatureBypassFlags(first('apt-get -o APT::Get::AllowUnauthenticated=1 install x')).map((h) => [h.flag, h.word.value, h.value?.value]),
      [['APT::Get::AllowUnauthenticated', '-o', 'APT::Get::AllowUnauthenticated=1']],
    );
    assert.deepEqual(
      signatureBypassFlags(first('zypper --gpg-auto-import-keys ref')).map((h) => [h.kind, h.removable]),
      [['autoImport', false]],
    );
  });
});

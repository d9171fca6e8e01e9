import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseCli, UsageError } from '../../server/src/cli/args';

const scanDefaults = {
  command: 'scan',
  paths: ['.'],
  format: 'text',
  failOn: 'high',
  quiet: false,
  color: undefined,
  fix: false,
  unsafe: false,
  kind: undefined,
  rules: {},
  docsUrl: undefined,
  config: undefined,
  noConfig: false,
};

function usage(argv: string[], message: RegExp): void {
  assert.throws(() => parseCli(argv), (e: unknown) => e instanceof UsageError && message.test(e.message));
}

describe('parseCli', () => {
  test('scan with no arguments scans the current directory with defaults', () => {
    assert.deepEqual(parseCli(['scan']), scanDefaults);
  });
  test('scan with every option', () => {
    assert.deepEqual(
      parseCli(['scan', 'a', 'b/Dockerfile', '-f', 'json', '--fail-on', 'none', '-q', '--no-color', '--fix', '--unsafe', '--kind', 'compose', '--rule', 'prefer-copy=off', '--rule', 'prefer-copy=critical']),
      { ...scanDefaults, paths: ['a', 'b/Dockerfile'], format: 'json', failOn: 'none', quiet: true, color: false, fix: true, unsafe: true, kind: 'compose', rules: { 'prefer-copy': 'critical' } },
    );
    assert.equal((parseCli(['scan', '--color']) as { color?: boolean }).color, true);
  });
  test('version and help forms', () => {
    assert.deepEqual(parseCli(['--version']), { command: 'version' });
    assert.deepEqual(parseCli(['-v']), { command: 'version' });
    assert.deepEqual(parseCli(['--help']), { command: 'help', topic: undefined });
    assert.deepEqual(parseCli(['help']), { command: 'help', topic: undefined });
    assert.deepEqual(parseCli(['help', 'scan']), { command: 'help', topic: 'scan' });
    assert.deepEqual(parseCli(['scan', '--help']), { command: 'help', topic: 'scan' });
    assert.deepEqual(parseCli(['rules', '-h']), { command: 'help', topic: 'rules' });
  });
  test('rules takes only --format', () => {
    assert.deepEqual(parseCli(['rules']), { command: 'rules', format: 'text' });
    assert.deepEqual(parseCli(['rules', '--format', 'json']), { command: 'rules', format: 'json' });
  });
  test('usage errors say what was wrong', () => {
    usage([], /Missing command/);
    usage(['lint'], /Unknown command "lint"/);
    usage(['scan', '--nope'], /--nope/);
    usage(['scan', '--format', 'xml'], /Invalid value for --format: "xml". Expected one of: text, json/);
    usage(['scan', '--fail-on', 'severe'], /Expected one of: critical, high, medium, low, info, none/);
    usage(['scan', '--kind', 'podfile'], /--kind/);
    usage(['scan', '--rule', 'prefer-copy'], /Expected <rule-id>=</);
    usage(['scan', '--rule', 'prefer-copy=loud'], /Invalid value for --rule: "loud"/);
    usage(['scan', '--rule', 'nope=off'], /Unknown rule "nope"/);
    usage(['scan', '--unsafe'], /--unsafe only applies together with --fix/);
    usage(['scan', '--color', '--no-color'], /contradict/);
    usage(['rules', '--fix'], /--fix applies to "bulkhead scan" only/);
    usage(['rules', 'x'], /takes no arguments/);
    usage(['rules', '--format', 'sarif'], /Expected one of: text, json/);
    usage(['help', 'lint'], /No help for "lint"/);
  });
});

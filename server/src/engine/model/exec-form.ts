/**
 * What a shell-form CMD/ENTRYPOINT means, and its exec-form (JSON array) equivalent when one
 * exists: plain words convert one to one; anything the shell interprets (variables, globs,
 * pipes, lists, redirections, substitutions, control structures) does not.
 */
import type { TextIndex } from '../text';
import type { Range } from '../types';
import type { DockerInstruction } from './dockerfile';
import { logicalText, type Command, type ShellScript, type Word } from './shell';

const same = (a: { line: number; character: number }, b: { line: number; character: number }) => a.line === b.line && a.character === b.character;

/** Characters that mean something to the shell outside quotes (globs, tilde, braces, variables). */
function needsShell(word: Word): boolean {
  if (/[$`]/.test(word.raw)) return true;
  const unquoted = word.raw.replace(/'[^']*'|"(?:[^"\\]|\\.)*"|\\./g, '');
  return /[*?[]|^~|\{[^}]*,[^}]*\}/.test(unquoted);
}

/** The script's single command when the whole text is plain words (so `["w1", "w2"]` means the same), else undefined. */
export function plainCommand(script: ShellScript | undefined, span: Range): Command | undefined {
  const cmd = script?.commands[0];
  if (!script || !cmd || script.commands.length !== 1 || script.pipelines.length !== 1 || !cmd.name) return undefined;
  if (cmd.redirects.length > 0 || cmd.assignments.length > 0 || !same(cmd.name.range.start, span.start) || !same(cmd.range.end, span.end)) return undefined;
  return [cmd.name, ...cmd.args].some(needsShell) ? undefined : cmd;
}

/** JSON array text as Docker's exec form reads it: `["nginx", "-g", "daemon off;"]`. */
export function jsonArray(values: readonly string[]): string {
  return `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;
}

/** The last command when it ends the script and can be replaced by `exec` (not in a pipe, list tail or block). */
export function execTarget(script: ShellScript | undefined, span: Range): Command | undefined {
  const last = script?.pipelines[script.pipelines.length - 1];
  const cmd = last?.commands[0];
  if (!last || !cmd || last.commands.length !== 1 || cmd.inSubstitution || !cmd.name || !same(cmd.range.end, span.end)) return undefined;
  return cmd;
}

/** The script text with line continuations joined, and `exec ` inserted before `target` (when given). */
export function scriptText(index: TextIndex, span: Range, escapeChar: string, target: Command | undefined): string {
  const { text, map } = logicalText(index, { start: index.offsetAt(span.start), end: index.offsetAt(span.end) }, escapeChar);
  if (!target) return text;
  const at = map.indexOf(index.offsetAt(target.range.start));
  return at < 0 ? text : text.slice(0, at) + 'exec ' + text.slice(at);
}

/** False when a SHELL instruction or a Windows base image means the shell is not POSIX `/bin/sh -c`. */
export function posixShell(ins: DockerInstruction): boolean {
  for (let s = ins.stage; s; s = s.baseStage) {
    if (s.instructions.some((i) => i.keyword === 'SHELL' && !i.onbuild)) return false;
    const image = (s.image.text ?? '').toLowerCase();
    if (!s.baseStage && /windows|servercore|nanoserver|ltsc20/.test(image)) return false;
  }
  return true;
}

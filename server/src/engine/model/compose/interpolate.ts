/**
 * Compose variable interpolation (compose-spec interpolation.md): `$VAR`, `${VAR}`,
 * `${VAR:-default}`, `${VAR-default}`, `${VAR:?err}`, `${VAR?err}`, `${VAR:+alt}`, `${VAR+alt}`,
 * nested defaults and `$$` escapes. Values come from the host (`AnalyzeOptions.env`, e.g. a
 * `.env` beside the file). A variable the host did not supply is unknown: the result is
 * `undefined` unless a default makes it known. Unknown never becomes a violation.
 */

export interface Interpolated {
  /** The value after substitution; undefined when it depends on an unknown variable. */
  readonly value: string | undefined;
  /** The text contained a `$` expression (not only `$$`). */
  readonly dynamic: boolean;
  /** Names of variables read. */
  readonly variables: readonly string[];
}

export type Env = Readonly<Record<string, string>>;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

export function interpolate(text: string, env: Env | undefined): Interpolated {
  if (!text.includes('$')) return { value: text, dynamic: false, variables: [] };
  const variables: string[] = [];
  const r = expand(text, 0, env, variables, 0, false);
  return { value: r.unknown ? undefined : r.out, dynamic: variables.length > 0, variables };
}

interface Expanded {
  out: string;
  unknown: boolean;
  /** Index just past what was consumed (the closing `}` for nested words). */
  end: number;
}

const lookup = (env: Env | undefined, name: string): string | undefined => (env && Object.prototype.hasOwnProperty.call(env, name) ? env[name] : undefined);

/** Expands from `i`; inside a `${...}` word (`nested`) it stops at the matching `}`. */
function expand(text: string, i: number, env: Env | undefined, vars: string[], depth: number, nested: boolean): Expanded {
  let out = '';
  let unknown = false;
  while (i < text.length) {
    const c = text[i];
    if (nested && c === '}') return { out, unknown, end: i };
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (next === '{' && depth < 16) {
      const m = NAME.exec(text.slice(i + 2));
      if (!m) {
        out += c;
        i++;
        continue;
      }
      const name = m[0];
      vars.push(name);
      let j = i + 2 + name.length;
      const value = lookup(env, name);
      const op = /^(:-|-|:\?|\?|:\+|\+)/.exec(text.slice(j))?.[0];
      if (text[j] === '}') {
        if (value === undefined) unknown = true;
        else out += value;
        i = j + 1;
        continue;
      }
      if (!op) {
        // Malformed (`${A B}`): Compose rejects it; treat the rest as unknown.
        return { out, unknown: true, end: text.length };
      }
      j += op.length;
      const word = expand(text, j, env, vars, depth + 1, true);
      i = word.end + 1;
      const set = value !== undefined;
      const nonEmpty = set && value !== '';
      if (op === ':-' || op === '-') {
        const useValue = op === ':-' ? nonEmpty : set;
        if (useValue) out += value;
        else if (word.unknown) unknown = true;
        else out += word.out;
        // An unset variable with a default: the default is what runs unless the shell sets it.
      } else if (op === ':?' || op === '?') {
        if ((op === ':?' ? nonEmpty : set) && value !== undefined) out += value;
        else unknown = true;
      } else {
        const useAlt = op === ':+' ? nonEmpty : set;
        if (!set) unknown = true;
        else if (useAlt) {
          if (word.unknown) unknown = true;
          else out += word.out;
        }
      }
      continue;
    }
    const m = NAME.exec(text.slice(i + 1));
    if (!m) {
      out += c;
      i++;
      continue;
    }
    vars.push(m[0]);
    const value = lookup(env, m[0]);
    if (value === undefined) unknown = true;
    else out += value;
    i += 1 + m[0].length;
  }
  return { out, unknown, end: i };
}

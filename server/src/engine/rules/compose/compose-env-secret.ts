import { defineRule } from '../../rule';
import {
  addTopLevelEntry,
  interpolate,
  prependSeqItem,
  removePair,
  removeSeqItem,
  setServiceSeq,
  type CMap,
  type CNode,
  type CPair,
  type ComposeModel,
  type ComposeService,
} from '../../model/compose';
import { isSecretName, literalSecret } from '../../model/secrets';
import type { TextEdit } from '../../types';

interface Options {
  /** Variable names never reported (exact, case-insensitive). */
  allow: string[];
  /** Variable names always treated as secret names (exact, case-insensitive). */
  deny: string[];
  /** Also report secret-named variables whose value comes from `${VAR}` or the shell (pass-through). */
  variables: boolean;
}

/**
 * Secrets in a service's `environment:`. A literal value sits in the repository and, like any
 * environment variable, in `docker inspect`, `/proc/<pid>/environ`, child processes and crash
 * reports; Compose `secrets:` mount it as a file under /run/secrets instead.
 */
export default defineRule({
  meta: {
    id: 'compose-env-secret',
    kind: 'compose',
    title: 'Do not put secrets in environment variables',
    severity: 'high',
    category: 'secrets',
    messages: {
      literal:
        '{name} is set to a literal secret: it is in version control and visible to anyone who can run `docker inspect` or read the process environment. Rotate it, and pass it as a Compose secret (a file at /run/secrets/{secret}).',
      token:
        '{name} holds what looks like a {label}: it is in version control and visible in `docker inspect` and the process environment. Revoke it, and pass the new one as a Compose secret (a file at /run/secrets/{secret}).',
      urlPassword:
        '{name} is a URL with a password in it: the password is in version control and visible in `docker inspect`. Rotate it, and pass the credentials as a Compose secret (a file at /run/secrets/{secret}).',
      variable:
        '{name} passes a secret through the environment: its value is visible in `docker inspect`, the process environment and child processes. Pass it as a Compose secret (a file at /run/secrets/{secret}) instead.',
      fix: 'Move {name} to the Compose secret "{secret}" (the app must read /run/secrets/{secret}; set {name} in the environment of `docker compose`; rotate a value that was written in the file)',
    },
    // Unsafe: the variable disappears from the container's environment and the application
    // must read the file (many official images take `<NAME>_FILE`); the literal value is
    // deleted from the file, so whoever runs Compose must supply it.
    fix: 'unsafe',
    checklist: ['secrets-at-runtime'],
    references: [{ tool: 'kics', id: 'a88baa34', match: 'partial' }],
  },
  defaultOptions: { allow: [], deny: [], variables: false } as Options,
  check({ model, options, report }) {
    const allow = new Set((Array.isArray(options.allow) ? options.allow : []).map((s) => String(s).toLowerCase()));
    const deny = new Set((Array.isArray(options.deny) ? options.deny : []).map((s) => String(s).toLowerCase()));
    const seen = new Set<string>();
    for (const service of model.services) {
      for (const kv of service.environment()) {
        const lower = kv.name.toLowerCase();
        if (allow.has(lower)) continue;
        const named = deny.has(lower) || isSecretName(kv.name);
        const v = kv.pair.value;
        // `${VAR:-literal}` known without any variable is a literal written in this file.
        const fromVariable =
          kv.value === null || (v.kind === 'scalar' && v.dynamic && !(typeof v.source === 'string' && interpolate(v.source, undefined).value !== undefined));
        let problem: { messageId: 'literal' | 'token' | 'urlPassword' | 'variable'; label?: string } | undefined;
        if (fromVariable) problem = options.variables === true && named ? { messageId: 'variable' } : undefined;
        else if (typeof kv.value === 'string') {
          const found = literalSecret(kv.name, kv.value, named);
          problem =
            found?.kind === 'token'
              ? { messageId: 'token', label: found.label }
              : found?.kind === 'urlPassword'
                ? { messageId: 'urlPassword' }
                : found
                  ? { messageId: 'literal' }
                  : undefined;
        }
        if (!problem) continue;
        const key = `${kv.pair.file}:${kv.pair.range.start.line}:${kv.pair.range.start.character}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const secret = secretName(kv.name);
        const source = fromVariable && v.kind === 'scalar' && typeof v.source === 'string' ? (variableName(v.source) ?? kv.name) : kv.name;
        const edits = moveToSecret(model, service, kv.pair, secret, source);
        const data: Record<string, string> = { name: kv.name, secret, ...(problem.label !== undefined ? { label: problem.label } : {}) };
        report({ file: kv.pair.file, range: kv.pair.range, messageId: problem.messageId, data, ...(edits ? { fix: () => edits } : {}) });
      }
    }
  },
});

/** `DB_PASSWORD` → `db_password` (Compose secret names are lower-case by convention). */
function secretName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9_.-]+/g, '_');
}

/** Official images whose entrypoint reads `<NAME>_FILE` for these variables (their Docker Hub docs, "Docker Secrets"). */
const FILE_CONVENTION: Readonly<Record<string, readonly string[]>> = {
  postgres: ['POSTGRES_PASSWORD'],
  mysql: ['MYSQL_ROOT_PASSWORD', 'MYSQL_PASSWORD'],
  mariadb: ['MARIADB_ROOT_PASSWORD', 'MARIADB_PASSWORD', 'MYSQL_ROOT_PASSWORD', 'MYSQL_PASSWORD'],
  mongo: ['MONGO_INITDB_ROOT_PASSWORD'],
};

/** `POSTGRES_PASSWORD_FILE` when `image` is the official image that reads it; undefined otherwise. */
function fileVariable(image: string | undefined, name: string): string | undefined {
  const repo = /^(?:docker\.io\/)?(?:library\/)?([a-z]+)(?:[:@]|$)/.exec(image ?? '')?.[1];
  return repo !== undefined && FILE_CONVENTION[repo]?.includes(name) ? `${name}_FILE` : undefined;
}

/** `${DB_PASS}`, `$DB_PASS`, `${DB_PASS:?required}` → `DB_PASS`; undefined for anything more complex. */
function variableName(source: string): string | undefined {
  return /^\$\{?([A-Za-z_][A-Za-z0-9_]*)(?:[:?+-][^}]*)?\}?$/.exec(source.trim())?.[1];
}

/**
 * The edits that move one environment entry to a Compose secret: remove the entry (or the
 * whole `environment:` key when it was the only one; for official images that read
 * `<NAME>_FILE`, replace it with `<NAME>_FILE: /run/secrets/<secret>`), list the secret under the service's
 * `secrets:`, and define it at the top level with an `environment:` source. Only for entries
 * written in the service's own definition in the analysed file (not in an anchor other
 * services share); undefined when any part cannot be edited in place.
 */
function moveToSecret(model: ComposeModel, service: ComposeService, entry: CPair, secret: string, source: string): TextEdit[] | undefined {
  const def = service.definitionIn(model.file);
  const envPair = def?.map.get('environment');
  if (!def || !envPair || envPair.file !== model.file || envPair.value.kind !== 'map') return undefined;
  const env: CMap = envPair.value;
  const own = env.pairs.find(
    (p) => p.key === entry.key && p.range.start.line === entry.range.start.line && p.range.start.character === entry.range.start.character,
  );
  if (!own || own.file !== model.file) return undefined;
  let removal: TextEdit | undefined;
  const file = fileVariable(service.image, own.key);
  if (file) {
    // The official image reads <NAME>_FILE: point it at the secret, the service keeps working.
    const raw = model.index.slice(own.value.range);
    const q = own.pair ? '' : (/^["']/.exec(raw)?.[0] ?? '');
    removal = own.pair
      ? { range: { start: own.keyRange.start, end: own.value.range.end }, newText: `${file}: /run/secrets/${secret}` }
      : { range: own.value.range, newText: `${q}${file}=/run/secrets/${secret}${q}` };
  } else if (env.pairs.length < 2) removal = removePair(model, def.map, envPair);
  else if (own.pair) removal = removePair(model, env, own);
  else {
    // List form: the model normalised `- KEY=value` items to pairs whose value is the item.
    const seq: CNode = { kind: 'seq', file: env.file, range: env.range, node: env.node, tag: env.tag, items: env.pairs.map((p) => p.value) };
    removal = removeSeqItem(model, seq, own.value);
  }
  if (!removal) return undefined;
  const inserts: TextEdit[] = [];
  if (!service.secrets().some((s) => s.source === secret)) {
    const list = def.map.get('secrets');
    const add = list ? (list.value.kind === 'seq' ? prependSeqItem(model, list.value, secret) : undefined) : setServiceSeq(model, def, 'secrets', [secret]);
    if (!add) return undefined;
    inserts.push(add);
  }
  const top = model.topLevel('secrets');
  if (!(top?.value.kind === 'map' && top.value.get(secret))) {
    const add = addTopLevelEntry(model, model.root, 'secrets', secret, [['environment', source]]);
    if (!add) return undefined;
    inserts.push(add);
  }
  return file ? [removal, ...inserts] : absorb(model, removal, inserts);
}

/**
 * Inserts that fall inside the removed lines (the entry was the service's or the file's last
 * line) are folded into the removal: the new lines replace the old ones in one edit, so the
 * edits never overlap.
 */
function absorb(model: ComposeModel, removal: TextEdit, inserts: readonly TextEdit[]): TextEdit[] {
  const { index } = model;
  const a = index.offsetAt(removal.range.start);
  const b = index.offsetAt(removal.range.end);
  const inside = inserts.filter((e) => {
    const p = index.offsetAt(e.range.start);
    return a <= p && p <= b;
  });
  if (inside.length === 0) return [removal, ...inserts];
  const text = inside.map((e) => e.newText).join('');
  const atLineStart = b > 0 && index.text[b - 1] === '\n';
  const newText = atLineStart ? text.slice(index.eol.length) + index.eol : text;
  return [{ range: removal.range, newText }, ...inserts.filter((e) => !inside.includes(e))];
}

/**
 * What a secret looks like: secret-looking variable names (after BuildKit's
 * SecretsUsedInArgOrEnv, minus its known false positives), well-known token formats,
 * obvious placeholders, and credential or key file names. Shared by the secret rules of
 * Dockerfiles and Compose files.
 */

/** Splits `AWS_SECRET_ACCESS_KEY`, `dbPassword`, `api-key` into lower-case tokens. */
export function nameTokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((t) => t.toLowerCase());
}

const SECRET_TOKENS = new Set([
  'password',
  'passwd',
  'pwd',
  'pass',
  'pword',
  'passphrase',
  'secret',
  'secrets',
  'token',
  'tokens',
  'apikey',
  'apitoken',
  'privatekey',
  'accesskey',
  'secretkey',
  'credential',
  'credentials',
  'creds',
]);
/** `auth` and `key` only name a secret as the last word (`NPM_AUTH`, `LICENSE_KEY`, not `AUTH_METHOD`). */
const SECRET_LAST = new Set(['auth', 'key', 'keys']);
/** Last words that make the variable point at a secret, or describe one, rather than hold it. */
const NOT_A_VALUE = new Set([
  'file',
  'files',
  'path',
  'dir',
  'directory',
  'url',
  'uri',
  'endpoint',
  'host',
  'hostname',
  'port',
  'id',
  'ids',
  'name',
  'names',
  'version',
  'ver',
  'type',
  'mode',
  'method',
  'length',
  'len',
  'min',
  'max',
  'size',
  'enabled',
  'enable',
  'disabled',
  'required',
  'header',
  'policy',
  'prefix',
  'suffix',
  'algorithm',
  'algo',
  'location',
  'server',
  'servers',
  'user',
  'username',
  'field',
  'ttl',
  'timeout',
  'expiry',
  'expires',
  'lifetime',
  'format',
  'scheme',
  'backend',
  'provider',
  'store',
  'fingerprint',
  'fingerprints',
  'keyserver',
  'ref',
  'sha',
  'sha256',
  'checksum',
  'hash',
  'env',
]);
/** Words that make the whole name a switch (`MYSQL_ALLOW_EMPTY_PASSWORD`, `MARIADB_RANDOM_ROOT_PASSWORD`). */
const SWITCH_WORDS = new Set(['allow', 'empty', 'random', 'generate', 'skip', 'no', 'disable', 'require', 'use', 'reset', 'expire', 'change', 'rotate']);
/** `key` after these is public material (GPG fingerprints in official images, PUBLIC_KEY). */
const PUBLIC_KEY_WORDS = new Set([
  'gpg',
  'pgp',
  'gpg2',
  'public',
  'pub',
  'verify',
  'verification',
  'cosign',
  'minisign',
  'signify',
  'repo',
  'apt',
  'release',
  'filter',
  'filters',
  'sort',
  'cache',
  'partition',
  'lookup',
  'map',
  'index',
  'primary',
  'foreign',
  'routing',
  'label',
  'host',
]);
/** Names that look like secrets but are something else. */
const NOT_SECRET_NAMES = new Set(['pwd', 'oldpwd', 'xauthority']);

/** True when an ENV/ARG/environment name looks like it holds a secret value. */
export function isSecretName(name: string): boolean {
  // Asked for every ENV/ARG and shell assignment by several rules; the answer depends on the name alone.
  let known = secretNames.get(name);
  if (known === undefined) {
    if (secretNames.size >= 4096) secretNames.clear();
    secretNames.set(name, (known = isSecretNameUncached(name)));
  }
  return known;
}
const secretNames = new Map<string, boolean>();

function isSecretNameUncached(name: string): boolean {
  if (NOT_SECRET_NAMES.has(name.toLowerCase())) return false;
  const t = nameTokens(name);
  const last = t[t.length - 1];
  if (!last || NOT_A_VALUE.has(last) || t.some((w) => SWITCH_WORDS.has(w) || w === 'public')) return false;
  for (let i = 0; i < t.length; i++) {
    const w = t[i]!;
    if (SECRET_TOKENS.has(w)) return true;
    const next = t[i + 1];
    if ((w === 'api' || w === 'private' || w === 'access' || w === 'secret' || w === 'client' || w === 'auth') && (next === 'key' || next === 'token'))
      return true;
  }
  if (SECRET_LAST.has(last)) {
    const before = t[t.length - 2];
    // A bare `key` (shell loops over GPG fingerprints in official images) or `FILTERS__0__KEY` names no secret.
    return before !== undefined && (last === 'auth' || (!PUBLIC_KEY_WORDS.has(before) && !/^\d+$/.test(before)));
  }
  return false;
}

/**
 * Values that are obviously not real secrets: empty, variable references, placeholders and
 * examples (`changeme`, `<token>`, `xxx`, `FAKE_...`, `...EXAMPLE`), booleans.
 */
export function isPlaceholderValue(value: string): boolean {
  const v = value.trim();
  if (v === '' || v.includes('$')) return true;
  if (
    /^(?:changeme|change[-_.]?it|change[-_.]?me|example|placeholder|dummy|fake|test|none|null|nil|undefined|true|false|yes|no|on|off|0|1|redacted|todo|tbd|secret|password|passwd|token|[x*.#-]+|<[^>]*>|\{\{.*\}\}|%[^%]*%)$/i.test(
      v,
    )
  )
    return true;
  return /fake|dummy|placeholder|example|changeme|change[-_]me|your[-_]|[-_]here\b|xxxx/i.test(v);
}

export interface TokenPattern {
  readonly id: string;
  readonly label: string;
  readonly pattern: RegExp;
}

/** Token formats with a fixed, documented prefix: few false positives by construction. */
export const TOKEN_PATTERNS: readonly TokenPattern[] = [
  { id: 'aws-access-key-id', label: 'AWS access key id', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { id: 'github-token', label: 'GitHub token', pattern: /\bgh[pousr]_[A-Za-z0-9]{36,255}\b/g },
  { id: 'github-pat', label: 'GitHub fine-grained token', pattern: /\bgithub_pat_[A-Za-z0-9_]{22,255}\b/g },
  { id: 'gitlab-token', label: 'GitLab token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}\b/g },
  { id: 'slack-token', label: 'Slack token', pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/g },
  { id: 'stripe-key', label: 'Stripe live key', pattern: /\b[rs]k_live_[A-Za-z0-9]{20,}\b/g },
  { id: 'google-api-key', label: 'Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g },
  { id: 'npm-token', label: 'npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g },
  {
    id: 'private-key',
    label: 'private key',
    pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----)?/g,
  },
];

/**
 * False when `text` cannot hold a match of any TOKEN_PATTERNS entry: every pattern starts with
 * one of these literal prefixes. One scan of a whole file instead of nine per instruction.
 */
export function mayContainToken(text: string): boolean {
  return /AKIA|ASIA|gh[pousr]_|github_pat_|glpat-|xox[abprs]-|[rs]k_live_|AIza|npm_|-----BEGIN /.test(text);
}

/** False when `text` cannot hold a `urlPasswords` match (every match contains `://`). */
export function mayContainUrlPassword(text: string): boolean {
  return text.includes('://');
}

/** `scheme://user:password@host`: the password part, as offsets into `text`. */
export function urlPasswords(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  // Every match has `://` and, after it, `@`: most texts (even with URLs) are ruled out without the regex.
  const scheme = text.indexOf('://');
  if (scheme < 0 || text.indexOf('@', scheme) < 0) return out;
  for (const m of text.matchAll(/\b[a-z][a-z0-9+.-]*:\/\/([^\s/:@'"]+):([^\s/@'"]+)@/gi)) {
    const password = m[2] as string;
    if (isPlaceholderValue(password)) continue;
    const start = m.index + m[0].length - 1 - password.length;
    out.push({ start, end: start + password.length });
  }
  return out;
}

// ---- credential and key files ----------------------------------------------------------

const SECRET_FILE_NAMES =
  /^(?:id_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?|\.env|\.env\.(?!(?:example|sample|template|dist|defaults?|tpl|schema)$)[\w.-]+|\.npmrc|\.pypirc|\.netrc|_netrc|\.git-credentials|\.pgpass|\.htpasswd|credentials\.json|client_secrets?\.json|kubeconfig|\.dockercfg|service[-_]?account[\w.-]*\.json|[\w.-]*-sa-key\.json)$/i;
const SECRET_FILE_EXT = /\.(?:key|p12|pfx|jks|keystore|pkcs12|ppk)$/i;
/** Directories whose content is credentials: `.ssh/`, `.aws/`, `.gnupg/`, `.docker/config.json`, `.kube/config`. */
const SECRET_PATHS = /(?:^|\/)(?:\.ssh|\.aws|\.gnupg|\.gcloud|\.azure)(?:\/|$)|(?:^|\/)\.docker\/config\.json$|(?:^|\/)\.kube\/config$/i;
/** `.pem` names of private keys; other `.pem` files are usually certificates or CA bundles. */
const PEM_KEY = /(?:^|[-_.])(?:key|priv|private|privkey)(?:[-_.]|$)/i;

/** `.key` files that are public signing keys (`nodesource-repo.gpg.key`), by name or by where they are copied. */
const PUBLIC_KEY_NAME = /gpg|pgp|pub(?:lic)?|repo|archive|release|signing|keyring/i;
const PUBLIC_KEY_DEST = /\.(?:pub|asc|gpg)$|\/keyrings\/|\/trusted\.gpg\.d\/|\/rpm-gpg\//i;

/** Why a COPY/ADD source path is a credential or key file, or undefined. `dest` is where it is copied. */
export function secretFileKind(path: string, dest = ''): string | undefined {
  const p = path.replace(/\/+$/, '');
  const base = p.slice(p.lastIndexOf('/') + 1);
  if (SECRET_PATHS.test(p) || SECRET_PATHS.test(p + '/')) return 'credentials directory';
  if (/\.pub$/i.test(base)) return undefined;
  if (SECRET_FILE_NAMES.test(base)) return 'credential file';
  if (/\.key$/i.test(base) && (PUBLIC_KEY_NAME.test(base) || PUBLIC_KEY_DEST.test(dest))) return undefined;
  if (SECRET_FILE_EXT.test(base)) return 'private key or keystore';
  if (/\.pem$/i.test(base) && PEM_KEY.test(base.slice(0, -4))) return 'private key';
  return undefined;
}

// ---- secrets in RUN: secret mounts, credential set-up commands -------------------------

export interface SecretMount {
  readonly id: string | undefined;
  /** Where the secret file is mounted (`target=`, default `/run/secrets/<id>`); undefined for `env=`-only mounts. */
  readonly target: string | undefined;
  /** `env=NAME`: the secret is exposed as an environment variable instead of (or besides) a file. */
  readonly env: string | undefined;
}

/** `RUN --mount=type=secret,...` mounts of an instruction's flags (BuildKit syntax: `id`, `target`/`dst`/`destination`, `env`). */
export function secretMounts(flags: readonly { readonly name: string; readonly value: string | undefined }[]): SecretMount[] {
  const out: SecretMount[] = [];
  for (const f of flags) {
    if (f.name !== 'mount' || f.value === undefined) continue;
    const kv = new Map(
      f.value.split(',').map((p) => [
        p
          .slice(0, p.indexOf('=') < 0 ? p.length : p.indexOf('='))
          .trim()
          .toLowerCase(),
        p.includes('=') ? p.slice(p.indexOf('=') + 1).trim() : '',
      ]),
    );
    if (kv.get('type') !== 'secret') continue;
    const id = kv.get('id') || undefined;
    const env = kv.get('env') || undefined;
    const explicit = kv.get('target') || kv.get('dst') || kv.get('destination') || undefined;
    const target = explicit ?? (env && !id ? undefined : `/run/secrets/${id ?? ''}`);
    out.push({ id: id ?? (explicit ? explicit.slice(explicit.lastIndexOf('/') + 1) : undefined), target, env });
  }
  return out;
}

/** Files that hold credentials once written: package-manager, registry, VCS and cloud CLI configs. */
const CREDENTIAL_CONFIG =
  /(?:^|\/)(?:\.npmrc|\.yarnrc(?:\.yml)?|\.pypirc|pip\.conf|pip\.ini|\.netrc|_netrc|\.git-credentials|\.gem\/credentials|\.docker\/config\.json|\.m2\/settings\.xml|\.gradle\/gradle\.properties|\.aws\/credentials|\.composer\/auth\.json|auth\.json|\.cargo\/credentials(?:\.toml)?|\.config\/gh\/hosts\.yml)$/;

/** True for a path whose file stores credentials for a package manager, registry or cloud CLI. */
export function isCredentialConfigPath(path: string): boolean {
  return CREDENTIAL_CONFIG.test(path.replace(/\/+$/, ''));
}

/** Keys of npm/yarn/pnpm config that hold credentials (`//registry/:_authToken`, `npmAuthToken`). */
const NPM_AUTH_KEY = /(?:^|:)_(?:authToken|auth|password)$|^npmAuthToken$|^npmAuthIdent$/;

export interface CredentialSetup {
  /** The CLI (`aws`, `docker`, `npm`, ...). */
  readonly tool: string;
  /** First and last word of what configures the credential (`aws configure set aws_secret_access_key`). */
  readonly from: Word;
  readonly to: Word;
  /** Where the tool stores the credential, as a path fragment a later `rm` would name. */
  readonly stores: string;
}

interface Word {
  readonly value: string;
  readonly range: import('../types').Range;
}

/** A literal that is obviously not a credential (`test`, `dummy`, `x`); variables are real values. */
function literalPlaceholder(value: string | undefined): boolean {
  return value !== undefined && !value.includes('$') && isPlaceholderValue(value);
}

const REGISTRY_LOGIN_TOOLS = ['docker', 'podman', 'buildah', 'skopeo', 'helm', 'oras', 'crane'];
const NPM_TOOLS = ['npm', 'pnpm', 'yarn'];
const CREDENTIAL_TOOLS = new Set(['aws', 'gcloud', 'az', 'doctl', ...REGISTRY_LOGIN_TOOLS, ...NPM_TOOLS]);

/**
 * A command that stores a credential in the image: `aws configure set aws_secret_access_key`,
 * `gcloud auth activate-service-account`, `az login -p`, `doctl auth init -t`, `docker login -p`
 * (also `--password-stdin`: the token still lands in `~/.docker/config.json`), `npm config set
 * //…:_authToken`. `name` and `args` come from the shell model after unwrapping wrappers.
 */
export function credentialSetup(name: Word | undefined, args: readonly Word[]): CredentialSetup | undefined {
  if (!name) return undefined;
  const tool = name.value.slice(name.value.lastIndexOf('/') + 1);
  // Asked for every command of every RUN: the rest builds arrays and closures for a handful of CLIs.
  if (!CREDENTIAL_TOOLS.has(tool)) return undefined;
  const v = args.map((a) => a.value);
  const flag = (...names: string[]) => args.find((a) => names.some((n) => a.value === n || a.value.startsWith(n + '=')));
  if (
    tool === 'aws' &&
    v[0] === 'configure' &&
    v[1] === 'set' &&
    /(?:^|\.)aws_(?:secret_access_key|session_token)$/.test(v[2] ?? '') &&
    !literalPlaceholder(v[3])
  ) {
    return { tool, from: name, to: args[2]!, stores: '.aws' };
  }
  if (tool === 'gcloud' && v[0] === 'auth' && v[1] === 'activate-service-account') return { tool, from: name, to: args[1]!, stores: 'gcloud' };
  if (tool === 'az' && v[0] === 'login') {
    const p = flag('-p', '--password');
    if (p) return { tool, from: name, to: p, stores: '.azure' };
  }
  if (tool === 'doctl' && v[0] === 'auth' && v[1] === 'init') {
    const t = flag('-t', '--access-token');
    if (t) return { tool, from: name, to: t, stores: 'doctl' };
  }
  if (
    REGISTRY_LOGIN_TOOLS.includes(tool) &&
    (v[0] === 'login' || (v[0] === 'registry' && v[1] === 'login') || (tool === 'crane' && v[0] === 'auth' && v[1] === 'login'))
  ) {
    const p = flag('-p', '--password', '--password-stdin');
    if (p) return { tool, from: name, to: p, stores: tool === 'docker' ? '.docker' : 'auth' };
  }
  if (NPM_TOOLS.includes(tool) && (v[0] === 'config' ? v[1] === 'set' : v[0] === 'set')) {
    const key = args[v[0] === 'config' ? 2 : 1];
    const keyName = key?.value.split('=')[0] ?? '';
    if (key && NPM_AUTH_KEY.test(keyName)) return { tool, from: name, to: key, stores: tool === 'yarn' ? '.yarnrc' : '.npmrc' };
  }
  return undefined;
}

/** Content written to a credential file that carries a credential: a token key or an inline variable/URL password. */
export function looksLikeCredentialContent(text: string): boolean {
  return /_authToken|_auth\s*=|_password|npmAuthToken|password\s*[=:]|\blogin\b.*\bpassword\b|"auth"\s*:|:\/\/[^/\s:@]+:[^/\s@]+@|\$\{?[A-Za-z_]*(?:TOKEN|PASSWORD|PASS|SECRET|AUTH|KEY)\b/i.test(
    text,
  );
}

// ---- a literal `NAME=value` (Compose environment entries) ----------------------------------

export type LiteralSecret = { readonly kind: 'token'; readonly label: string } | { readonly kind: 'urlPassword' } | { readonly kind: 'named' };

/**
 * Why the literal value of a variable holds a secret: a known token format, a password in a
 * URL, or a secret-looking name (`isSecretName`, or `named` forced by the caller's deny list)
 * with a value that is not a placeholder. Undefined otherwise. The value must be literal text
 * (interpolation already applied by the caller or absent).
 */
export function literalSecret(name: string, value: string, named = isSecretName(name)): LiteralSecret | undefined {
  // Asked for every environment value of every service: one scan for the patterns' literal
  // prefixes rules out nearly all of them before the nine token regexes run.
  if (mayContainToken(value)) {
    for (const { label, pattern } of TOKEN_PATTERNS) {
      for (const m of value.matchAll(pattern)) if (label === 'private key' || !isPlaceholderValue(m[0])) return { kind: 'token', label };
    }
  }
  if (urlPasswords(value).length > 0) return { kind: 'urlPassword' };
  return named && !isPlaceholderValue(value) && !looksLikePath(value) ? { kind: 'named' } : undefined;
}

/** `/run/secrets/db`, `./certs/es-key.pem`, `certs/elasticsearch-key.pem`: the name's value points at a file, it is not the secret. */
function looksLikePath(value: string): boolean {
  const v = value.trim();
  return /^(?:\.{0,2}\/|~\/)[^\s]*$/.test(v) || /^[\w.-]+(?:\/[\w.-]+)*\/[\w-]+\.[A-Za-z0-9]{1,5}$/.test(v);
}

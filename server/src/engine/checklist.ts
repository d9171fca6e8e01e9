/**
 * The production hardening checklist (issue 7): items defined once, evaluated per Dockerfile,
 * per Compose service and once per workspace.
 *
 * How an item is decided for one subject (a Dockerfile, or one Compose service):
 * 1. Rules give the evidence. A rule lists the item ids it speaks for in `meta.checklist`, so a
 *    new rule joins the checklist without editing this module. Any finding of such a rule in
 *    the subject → fail (with each finding and its line).
 * 2. Outside the item's own `kinds` (a runtime item on a Dockerfile) that is all rules can do:
 *    without findings the item is not applicable there, naming the rules that found nothing.
 *    A Dockerfile cannot prove that a container runs read-only or publishes few ports.
 * 3. Such rules ran without findings → pass, with evidence from the model where there is some
 *    ("USER node on line 15"), else the names of the rules that found nothing. Items whose rules
 *    only cover part of them (`passNeedsFact`: resource limits, a Compose service's user…)
 *    pass only on a model fact; otherwise a human decides.
 * 4. No rule ran: a model fact may still prove a pass (`read_only: true` on line 9); facts only
 *    ever prove passes or "not applicable", never failures (failures are the rules' job).
 *    Compose facts read the merged service (`ComposeService`), so overrides and anchors count.
 * 5. Rules exist but the user turned them off → not applicable (and says so).
 * 6. Nothing can decide it → needs a human, with the question to answer; a confirmation from
 *    `.bulkhead/checklist.json` turns that into "confirmed" with the reviewer's note.
 * A Compose service built from a Dockerfile that is among the analysed files takes the image
 * items (`fromImage`) from that Dockerfile's result, its evidence and findings carrying the
 * Dockerfile's path; otherwise the service answers alone.
 * Workspace items (image scanning in CI, signing, secret rotation, daemon hardening) are
 * decided once from the CI configuration texts the host passes in, or by a human.
 *
 * Pure: text and results in, a JSON-serialisable report out.
 */
import { isMap, isScalar, isSeq, type Document, type Node as YamlNode, type Pair } from 'yaml';
import { analyze, type AnalysisResult } from './index';
import { dirname, join, namespaceMode, securityOptions, text as nodeText, type ComposeModel, type ComposeService, type CPair } from './model/compose';
import type { DockerfileModel } from './model/dockerfile';
import type { AnyRule } from './rule';
import { ALL_RULES } from './rules';
import type { Finding } from './runner';
import { TextIndex } from './text';
import type { FileKind, Range, Severity } from './types';

export type ChecklistStatus = 'pass' | 'fail' | 'na' | 'human' | 'confirmed';
export const CHECKLIST_STATUSES: readonly ChecklistStatus[] = ['fail', 'human', 'pass', 'confirmed', 'na'];

/** Where an item can be decided: in a Dockerfile, per Compose service, or once per workspace. */
export type ChecklistScope = FileKind | 'workspace';

/** A line that shows why an item passed. `path` is set when it is in another file (CI config). */
export interface ChecklistEvidence {
  readonly text: string;
  readonly path?: string;
  readonly range?: Range;
}

export interface ChecklistFinding {
  /** Set when the finding is in another file than the subject (the Dockerfile a service builds). */
  readonly path?: string;
  readonly ruleId: string;
  readonly message: string;
  readonly severity: Severity;
  readonly range: Range;
}

export interface ChecklistConfirmation {
  readonly item: string;
  /** Subject id (`path` or `path#service`) or absent for the whole workspace. */
  readonly subject?: string;
  readonly note: string;
  readonly by?: string;
  readonly date?: string;
}

export interface ChecklistItemResult {
  readonly id: string;
  readonly status: ChecklistStatus;
  /** One line for the status: what passed, what failed, why not applicable, what to answer. */
  readonly summary: string;
  readonly evidence: readonly ChecklistEvidence[];
  readonly findings: readonly ChecklistFinding[];
  /** Rules that gave evidence (ran) for this item in this subject. */
  readonly rules: readonly string[];
  readonly question?: string;
  readonly confirmation?: ChecklistConfirmation;
}

export type ChecklistCounts = Readonly<Record<ChecklistStatus, number>>;

export interface ChecklistSubject {
  /** `path` for a Dockerfile or a Compose file without services, `path#service` for a service. */
  readonly id: string;
  readonly path: string;
  readonly kind: FileKind;
  readonly service?: string;
  /** Where the subject starts (the service key, or the file start). */
  readonly range: Range;
  readonly items: readonly ChecklistItemResult[];
  readonly counts: ChecklistCounts;
  /** Passed (and confirmed) items out of the decided ones (n/a excluded), 0–100. */
  readonly score: number;
}

export interface ChecklistItemInfo {
  readonly id: string;
  readonly title: string;
  readonly why: string;
  readonly how: string;
  readonly cis: readonly string[];
  readonly scopes: readonly ChecklistScope[];
  readonly question?: string;
  /** Rule ids (from rule metadata) that give evidence for this item. */
  readonly rules: readonly string[];
}

export interface ChecklistReport {
  readonly items: readonly ChecklistItemInfo[];
  readonly subjects: readonly ChecklistSubject[];
  readonly workspace: readonly ChecklistItemResult[];
  readonly counts: ChecklistCounts;
}

// ---------------------------------------------------------------------------------------------
// Item definitions

/** What a model fact says about an item. `pass` and `na` decide when no rule ran; evidence is shown either way. */
interface Fact {
  readonly status?: 'pass' | 'na';
  readonly evidence: readonly ChecklistEvidence[];
  readonly summary?: string;
}

interface ItemDefinition {
  readonly id: string;
  readonly title: string;
  readonly why: string;
  readonly how: string;
  readonly cis: readonly string[];
  /** File kinds the item is about even before a rule for that kind exists (rules add their kind). */
  readonly kinds: readonly FileKind[];
  readonly workspace?: (ctx: WorkspaceContext) => Fact | undefined;
  readonly question?: string;
  /**
   * Kinds where rules that found nothing do not prove the item: a pass needs a model fact
   * (compose-memory-limit finding nothing says nothing about CPU and pids limits).
   */
  readonly passNeedsFact?: readonly FileKind[];
  /**
   * A Compose service built from an analysed Dockerfile takes this item from that Dockerfile,
   * unless the predicate says Compose itself decides it (`user:` for non-root-user).
   */
  readonly fromImage?: true | ((s: ComposeService) => boolean);
  readonly dockerfile?: (m: DockerfileModel) => Fact | undefined;
  readonly compose?: (s: ServiceFacts) => Fact | undefined;
}

/** What a Compose fact reads: the merged service, with ranges only for values written in the analysed file. */
interface ServiceFacts {
  readonly svc: ComposeService;
  /** The key's range when the pair is in the analysed file (an override's values have no range here). */
  at(p: Pick<CPair, 'file' | 'keyRange'> | undefined): Range | undefined;
}

/** Go's strconv.ParseBool true spellings: the daemon parses `no-new-privileges:<value>` with it. */
const GO_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);

const line = (r: Range | undefined) => (r ? ` on line ${r.start.line + 1}` : '');
const ev = (text: string, range?: Range): ChecklistEvidence => (range ? { text, range } : { text });

const DEFINITIONS: readonly ItemDefinition[] = [
  {
    id: 'non-root-user',
    title: 'Runs as a non-root user',
    why: 'A process running as root in the container is root on the host once it escapes, and can modify the whole image filesystem.',
    how: 'Dockerfile: missing-user, last-user-root, no-sudo; the final stage USER (or the base image default) is the evidence. Compose: `user:` rules; a non-root `user:` proves it.',
    cis: ['4.1', '5.24'],
    kinds: ['dockerfile', 'compose'],
    question: 'Which user does this service run as, and is it non-root (numeric UID ≥ 1000)?',
    dockerfile: (m) => {
      const stage = m.finalStage;
      if (!stage) return undefined;
      const u = m.effectiveUser(stage);
      if (u.source === 'instruction' && u.root === false) return { evidence: [ev(`USER ${u.value ?? ''}${line(u.instruction.range)}`, u.instruction.range)] };
      if (u.source === 'image' && u.nonRoot)
        return { evidence: [ev(`base image ${stage.image.text ?? ''} runs as ${u.user ?? 'a non-root user'}${line(stage.image.range)}`, stage.image.range)] };
      return undefined;
    },
    // compose-user-root finding nothing only says `user:` is not root; without `user:` the image decides.
    passNeedsFact: ['compose'],
    fromImage: (s) => s.get('user') === undefined,
    compose: ({ svc, at }) => {
      const p = svc.get('user');
      const u = svc.string('user');
      if (u === undefined || /^(root|0)(:|$)/.test(u.trim())) return undefined;
      return { status: 'pass', evidence: [ev(`user: ${u}${line(at(p))}`, at(p))] };
    },
  },
  {
    id: 'minimal-base-image',
    title: 'Minimal base image',
    why: 'Every package in the runtime image is attack surface and a source of CVEs; slim, Alpine, distroless and scratch images carry far fewer.',
    how: 'Minimal-base rules fail it; the final FROM proves it when the image is scratch, distroless, Alpine, slim, micro or minimal.',
    cis: ['4.3'],
    kinds: ['dockerfile'],
    // prefer-minimal-base flags toolchain images only: finding nothing does not make ubuntu:24.04 minimal.
    passNeedsFact: ['dockerfile'],
    fromImage: true,
    question: 'Is the final base image the smallest that works (slim, Alpine, distroless or scratch)?',
    dockerfile: (m) => {
      const img = m.finalStage?.image;
      if (!img?.ref) return undefined;
      const r = img.ref;
      const minimal =
        r.isScratch ||
        /distroless|chainguard|wolfi|alpine|busybox|scratch|-micro|-minimal|static/.test(r.repository) ||
        /slim|alpine|distroless|minimal|micro|nonroot|static/.test(r.tag ?? '');
      return minimal ? { status: 'pass', evidence: [ev(`FROM ${img.text ?? r.raw}${line(img.range)}`, img.range)] } : undefined;
    },
  },
  {
    id: 'trusted-pinned-base',
    title: 'Trusted, pinned base image (tag and digest)',
    why: 'A floating or missing tag silently changes what you ship; a digest makes the build reproducible and auditable.',
    how: 'from-untagged, from-latest (and digest rules when present); every FROM is listed as evidence, noting which have a digest.',
    cis: ['4.2'],
    kinds: ['dockerfile'],
    fromImage: true,
    dockerfile: (m) => {
      const evidence = m.stages
        .filter((s) => !s.baseStage && s.image.ref && !s.image.ref.isScratch)
        .map((s) =>
          ev(
            `FROM ${s.image.text ?? s.image.ref?.raw ?? ''}${line(s.image.range)}${s.image.ref?.digest ? ' (digest pinned)' : ' (tag only, no digest)'}`,
            s.image.range,
          ),
        );
      return evidence.length ? { evidence } : { status: 'na', evidence: [], summary: 'No external base image (scratch or stages only).' };
    },
  },
  {
    id: 'multi-stage-build',
    title: 'Multi-stage build, no build tools at run time',
    why: 'Compilers, package managers, git and curl in the runtime image help an attacker who gets in; a builder stage keeps them out.',
    how: 'prefer-multi-stage / final-stage-build-tools rules when present; two or more stages prove the build is split.',
    cis: ['4.3'],
    kinds: ['dockerfile'],
    fromImage: true,
    question: 'Does the final image contain compilers, package managers or download tools it does not need at run time?',
    dockerfile: (m) => {
      if (m.stages.length < 2 || !m.finalStage) return undefined;
      const f = m.finalStage;
      return { status: 'pass', evidence: [ev(`${m.stages.length} stages; the final stage starts${line(f.from.range)}`, f.from.range)] };
    },
  },
  {
    id: 'minimal-attack-surface',
    title: 'Minimal attack surface (no sudo, SSH, setuid or needless tools)',
    why: 'sudo, SSH servers, setuid binaries and stray tools give an intruder ways to escalate or persist.',
    how: 'Rules that flag sudo, SSH, ADD of local files and similar; pass when they ran without findings.',
    cis: ['4.3', '4.8', '5.7'],
    kinds: ['dockerfile'],
    fromImage: true,
  },
  {
    id: 'no-secrets-in-image',
    title: 'No secrets in the image (ENV, ARG, files, history)',
    why: 'Anything in ENV, ARG, a copied file or a layer can be read by anyone who can pull the image, forever.',
    how: 'secret-in-env-arg, hardcoded-secret, copy-secret-file (and Compose build-arg rules); pass when they ran without findings.',
    cis: ['4.10'],
    kinds: ['dockerfile'],
    fromImage: true,
    dockerfile: (m) => {
      const uses = m.instructions.filter((i) => i.keyword === 'RUN' && i.flags.some((f) => f.name === 'mount' && /(^|,)type=secret(,|$)/.test(f.value ?? '')));
      return uses.length ? { evidence: uses.map((i) => ev(`RUN --mount=type=secret${line(i.range)}`, i.range)) } : undefined;
    },
  },
  {
    id: 'secrets-at-runtime',
    title: 'Secrets supplied through secret mounts or Compose/Swarm secrets',
    why: 'Secret mounts and `secrets:` keep credentials out of layers, image config and `docker inspect`.',
    how: 'Secret rules fail it; `secrets:` on a service proves it. A Dockerfile can only fail it (a secret baked into the image); build secrets (`RUN --mount=type=secret`) are evidence for no-secrets-in-image.',
    cis: ['4.10'],
    // How the container gets its secrets is decided where it runs, not in the image.
    kinds: ['compose'],
    passNeedsFact: ['compose'],
    question: 'Does this service need secrets, and does it get them through secret mounts or `secrets:` rather than environment variables?',
    compose: ({ svc, at }) => {
      const p = svc.get('secrets');
      return p && svc.secrets().length
        ? {
            status: 'pass',
            evidence: [
              ev(
                `secrets: ${svc
                  .secrets()
                  .map((r) => r.source ?? '?')
                  .join(', ')}${line(at(p))}`,
                at(p),
              ),
            ],
          }
        : undefined;
    },
  },
  {
    id: 'least-privilege',
    title: 'Least privilege (cap_drop ALL, no dangerous cap_add, not privileged)',
    why: 'Capabilities such as SYS_ADMIN and privileged mode give the container most of root on the host.',
    how: 'Compose capability and privileged rules; `cap_drop: [ALL]` without `cap_add` or `privileged` proves it.',
    cis: ['5.4', '5.5'],
    kinds: ['compose'],
    question: 'Does this service drop all capabilities and add back only what it needs?',
    compose: ({ svc, at }) => {
      const drop = svc.get('cap_drop');
      if (!drop || !svc.capDrop().some((c) => c.name === 'ALL') || svc.capAdd().length || (svc.get('privileged') && svc.bool('privileged') !== false))
        return undefined;
      return { status: 'pass', evidence: [ev(`cap_drop: [ALL]${line(at(drop))}`, at(drop))] };
    },
  },
  {
    id: 'no-new-privileges',
    title: 'no-new-privileges set',
    why: 'Stops setuid binaries and file capabilities from raising privileges inside the container.',
    how: 'Compose no-new-privileges rule; the last `no-new-privileges` entry of `security_opt` (bare, or `:`/`=` with a true value as the daemon parses it: true, 1, t, TRUE…) proves it.',
    cis: ['5.26'],
    kinds: ['compose'],
    question: 'Is the container started with no-new-privileges?',
    compose: ({ svc, at }) => {
      const so = securityOptions(svc);
      if (so.unknown) return undefined; // an entry from an unset variable might be the last word
      // The daemon reads entries in order, the last one wins, and parses the value with Go's strconv.ParseBool.
      const last = so.options.filter((o) => o.key === 'no-new-privileges').pop();
      if (!last || (last.value !== undefined && !GO_TRUE.has(last.value))) return undefined;
      const written = `no-new-privileges${last.separator ?? ''}${last.value ?? ''}`;
      const r = at({ file: last.node.file, keyRange: last.node.range });
      return { status: 'pass', evidence: [ev(`security_opt: ${written}${line(r)}`, r)] };
    },
  },
  {
    id: 'security-profiles',
    title: 'seccomp, AppArmor and SELinux not disabled',
    why: 'The default seccomp and AppArmor/SELinux profiles block most container-escape syscalls.',
    how: 'Compose rules for `seccomp:unconfined`, `apparmor:unconfined`, `label:disable`, `systempaths=unconfined` fail it; a pass needs the entries read: none of those, and not `privileged: true` (which turns all profiles off).',
    cis: ['5.2', '5.3', '5.22'],
    kinds: ['compose'],
    // privileged: true disables seccomp and AppArmor without any security_opt entry; the rules above do not see it.
    passNeedsFact: ['compose'],
    question: 'Does the service keep the default seccomp and AppArmor/SELinux profiles (no `unconfined`)?',
    compose: ({ svc, at }) => {
      const priv = svc.get('privileged');
      if (priv && svc.bool('privileged') !== false) return undefined;
      const so = securityOptions(svc);
      if (so.unknown) return undefined;
      const off = so.options.filter(
        (o) =>
          ((o.key === 'seccomp' || o.key === 'apparmor' || o.key === 'systempaths') && o.value === 'unconfined') ||
          (o.key === 'label' && o.value === 'disable'),
      );
      if (off.length) return undefined;
      const kept = so.options
        .filter((o) => o.key === 'seccomp' || o.key === 'apparmor' || o.key === 'label')
        .map((o) => `${o.key}${o.separator ?? ''}${o.value ?? ''}`);
      const r = at(so.pair);
      const evidence = [
        ev(
          kept.length
            ? `security_opt sets ${kept.join(', ')}: confinement kept${line(r)}`
            : `no security_opt entry turns seccomp, AppArmor or SELinux off${so.pair ? line(r) : ''}`,
          so.pair ? r : undefined,
        ),
      ];
      if (priv) evidence.push(ev(`privileged: false${line(at(priv))}`, at(priv)));
      return { status: 'pass', evidence };
    },
  },
  {
    id: 'read-only-rootfs',
    title: 'Read-only root filesystem',
    why: 'An intruder cannot drop tools or modify the application when the root filesystem is read-only.',
    how: 'Compose writable-rootfs rule; `read_only: true` proves it.',
    cis: ['5.13'],
    kinds: ['compose'],
    question: 'Does the container run with a read-only root filesystem (writable paths as tmpfs or volumes)?',
    compose: ({ svc, at }) => {
      const p = svc.get('read_only');
      return svc.bool('read_only') === true ? { status: 'pass', evidence: [ev(`read_only: true${line(at(p))}`, at(p))] } : undefined;
    },
  },
  {
    id: 'resource-limits',
    title: 'Resource limits (memory, CPU, pids)',
    why: 'Without limits one container can starve the host or fork-bomb it.',
    how: 'Compose memory, CPU and pids limit rules fail it; all three limits set (deploy.resources.limits or the legacy mem_limit, cpus / cpu_quota, pids_limit) and not unlimited prove it.',
    cis: ['5.11', '5.12', '5.29'],
    kinds: ['compose'],
    passNeedsFact: ['compose'],
    question: 'Are memory, CPU and pids limits set for this service?',
    compose: ({ svc, at }) => {
      const r = svc.resources();
      // 0 (and -1 for pids) mean "no limit" to the daemon; an unset variable is unknown.
      const set = (l: { value: string | undefined } | undefined, unlimited: RegExp) =>
        l !== undefined && l.value !== undefined && !unlimited.test(l.value.trim());
      const quota = svc.get('cpu_quota');
      const cpu = set(r.cpus, /^0*(\.0*)?$/) ? r.cpus?.pair : quota && set({ value: svc.string('cpu_quota') }, /^(0+|-1)$/) ? quota : undefined;
      if (!set(r.memory, /^0+[a-z]*$/i) || !cpu || !set(r.pids, /^(0+|-1)$/)) return undefined;
      const mem = r.memory?.pair;
      const pids = r.pids?.pair;
      const show = (what: string, p: CPair | undefined) => ev(`${what}${p ? ` (${p.key}: ${nodeText(p.value) ?? ''})` : ''}${line(at(p))}`, at(p));
      return { status: 'pass', evidence: [show('memory limit', mem), show('CPU limit', cpu), show('pids limit', pids)] };
    },
  },
  {
    id: 'limited-ports',
    title: 'Limited ports, bound to specific interfaces',
    why: 'Every published port is reachable from the network; binding to 0.0.0.0 exposes internal services.',
    how: 'EXPOSE rules (sensitive ports) can fail it, but EXPOSE publishes nothing: ports are published at run time. A service that publishes no ports, or binds each to a specific address, proves it.',
    cis: ['5.7', '5.8', '5.9', '5.14'],
    // EXPOSE is documentation; `ports:` / `docker run -p` publish. A Dockerfile cannot prove this item.
    kinds: ['compose'],
    question: 'Are only the needed ports published, each bound to a specific interface?',
    compose: ({ svc, at }) => {
      const net = namespaceMode(svc, 'network_mode');
      if (net?.mode === 'host' || (svc.get('network_mode') && !net)) return undefined; // host networking publishes every listening port
      const p = svc.get('ports');
      const ports = svc.ports();
      if (!ports.length) return { status: 'pass', evidence: [ev('publishes no ports')] };
      // A short entry without an address ("8080:80", "80") binds all interfaces, as do 0.0.0.0 and ::.
      const bound = (ip: string | undefined) => ip !== undefined && ip.trim() !== '' && !/^(0\.0\.0\.0|::|\[::\])$/.test(ip.trim());
      if (ports.every((x) => bound(x.hostIp)))
        return { status: 'pass', evidence: [ev(`ports bound to ${[...new Set(ports.map((x) => x.hostIp))].join(', ')}${line(at(p))}`, at(p))] };
      return undefined;
    },
  },
  {
    id: 'network-segmentation',
    title: 'Network segmentation (no host network, user-defined and internal networks)',
    why: 'The host network and one flat network let a compromised front end reach every back end.',
    how: 'Compose host-network, default-network and flat-network rules; user-defined `networks:` on the service are the evidence.',
    cis: ['5.10', '5.30'],
    kinds: ['compose'],
    question: 'Is this service on user-defined networks, with back ends on `internal: true` networks?',
    // compose-host-network finding nothing leaves the service on the project's one default network.
    passNeedsFact: ['compose'],
    compose: ({ svc, at }) => {
      const mode = namespaceMode(svc, 'network_mode');
      if (svc.get('network_mode') && !mode) return undefined;
      if (mode?.value === 'none') return { status: 'pass', evidence: [ev(`network_mode: none (no network)${line(at(mode.pair))}`, at(mode.pair))] };
      if (mode) return undefined; // host, or another container's network namespace
      const n = svc.get('networks');
      const named = svc.networks().filter((x) => x.name !== 'default');
      if (!n || named.length === 0) return undefined;
      return { status: 'pass', evidence: [ev(`networks: ${named.map((x) => x.name).join(', ')}${line(at(n))}`, at(n))] };
    },
  },
  {
    id: 'no-host-mounts',
    title: 'No Docker socket or sensitive host mounts',
    why: 'The Docker socket is root on the host; mounting /, /etc, /proc or /var exposes the host to the container.',
    how: 'Socket, sensitive-mount and VOLUME rules fail it; a service whose only host mounts are paths inside the project (./…) passes; absolute host paths need a human.',
    cis: ['5.6', '5.32'],
    kinds: ['compose'],
    question: 'Does this service mount the Docker socket or sensitive host paths?',
    compose: ({ svc, at }) => {
      const v = svc.get('volumes');
      const mounts = svc.volumes();
      if (!mounts.length) return { status: 'pass', evidence: [ev('no volumes mounted')] };
      const host = mounts.filter((m) => m.type === 'bind' || m.type === 'npipe');
      // Only a relative path that stays in the project is known to be harmless; /, /etc, ~, a socket or ../ are not.
      const inProject = (src: string | undefined) =>
        src !== undefined &&
        /^\.{1,2}([\\/]|$)/.test(src) &&
        !src.startsWith('..') &&
        !/(^|[\\/])\.\.([\\/]|$)/.test(src) &&
        !/docker\.sock|docker_engine/.test(src);
      if (mounts.some((m) => m.type !== 'bind' && m.type !== 'npipe' && m.type !== 'volume' && m.type !== 'tmpfs')) return undefined;
      if (!host.every((m) => inProject(m.source))) return undefined;
      const text = host.length ? `host mounts only inside the project (${host.map((m) => m.source).join(', ')})` : 'named volumes and tmpfs only';
      return { status: 'pass', evidence: [ev(`${text}${line(at(v))}`, at(v))] };
    },
  },
  {
    id: 'healthcheck',
    title: 'Healthcheck defined',
    why: 'Without a healthcheck the orchestrator keeps routing traffic to a hung container.',
    how: 'missing-healthcheck (Dockerfile) and Compose healthcheck rules; the HEALTHCHECK or `healthcheck:` line is the evidence.',
    cis: ['4.6', '5.27'],
    kinds: ['dockerfile', 'compose'],
    question: 'Does the image or the service define a healthcheck?',
    passNeedsFact: ['compose'],
    // Compose's `healthcheck:` overrides the image's; without one the image's HEALTHCHECK applies.
    fromImage: (s) => s.get('healthcheck') === undefined,
    dockerfile: (m) => {
      const h = (m.finalStage?.instructions ?? []).filter((i) => i.keyword === 'HEALTHCHECK' && !i.onbuild).pop();
      if (!h) return undefined;
      return /^\s*NONE\s*$/i.test(h.argsText) ? undefined : { evidence: [ev(`HEALTHCHECK${line(h.range)}`, h.range)] };
    },
    compose: ({ svc, at }) => {
      const h = svc.healthcheck();
      // Without `test:` the image's test is used with the new timings: that is the image's to prove.
      if (!h || h.disabled || !h.test?.length) return undefined;
      return { status: 'pass', evidence: [ev(`healthcheck:${line(at(h.pair))}`, at(h.pair))] };
    },
  },
  {
    id: 'logging-rotation',
    title: 'Logging with rotation',
    why: 'Unrotated json-file logs fill the disk; `driver: none` leaves no trail after an incident.',
    how: 'Compose logging rule; `json-file` (or the default driver) with `max-size`, the `local` driver (rotates by default), or a driver that ships logs off the host proves it; `none` never does.',
    cis: [],
    kinds: ['compose'],
    question: 'Are this service’s logs shipped or rotated (max-size / max-file, or the daemon default)?',
    compose: ({ svc, at }) => {
      const l = svc.logging();
      if (!l) return undefined;
      const explicit = l.pair.value.kind === 'map' && l.pair.value.get('driver') !== undefined;
      if (explicit && l.driver === undefined) return undefined; // unset variable
      const driver = l.driver;
      const max = l.options.find((o) => o.name === 'max-size');
      const r = at(l.pair);
      if (driver === undefined || driver === 'json-file')
        return max?.value ? { status: 'pass', evidence: [ev(`logging: ${driver ?? 'default driver'}, max-size ${max.value}${line(r)}`, r)] } : undefined;
      if (driver === 'none') return undefined;
      if (driver === 'local') return { status: 'pass', evidence: [ev(`logging: local driver (rotated: max-size ${max?.value ?? '20m'})${line(r)}`, r)] };
      return { status: 'pass', evidence: [ev(`logging: ${driver} driver ships the logs${line(r)}`, r)] };
    },
  },
  {
    id: 'restart-policy',
    title: 'Bounded restart policy',
    why: 'A crash-looping container that restarts forever hides the failure and can be used to exhaust the host.',
    how: 'Compose restart-policy rule; `restart: on-failure:N` or `deploy.restart_policy.max_attempts` proves it.',
    cis: ['5.15'],
    kinds: ['compose'],
    question: 'Is the restart policy bounded (e.g. on-failure:5)?',
    compose: ({ svc, at }) => {
      // `restart:` wins over deploy.restart_policy (ComposeService.restart()); 0 attempts means "no limit" in both.
      const r = svc.restart();
      if (!r) return undefined;
      const n = r.maxAttempts !== undefined && /^\d+$/.test(r.maxAttempts.trim()) ? Number(r.maxAttempts) : 0;
      const where = at(r.pair);
      if (r.source === 'restart')
        return r.policy === 'on-failure' && n > 0
          ? { status: 'pass', evidence: [ev(`restart: on-failure:${r.maxAttempts ?? ''}${line(where)}`, where)] }
          : undefined;
      if (r.policy === 'none') return { status: 'pass', evidence: [ev(`deploy.restart_policy.condition: none${line(where)}`, where)] };
      return n > 0 ? { status: 'pass', evidence: [ev(`deploy.restart_policy.max_attempts: ${n}${line(where)}`, where)] } : undefined;
    },
  },
  {
    id: 'immutable-tags',
    title: 'Immutable, versioned image tags',
    why: 'Deploying `latest` or a moving tag means you cannot say what runs, or roll back to it.',
    how: 'Compose image-tag and digest rules; an `image:` with a digest proves it; services that only build decide in their Dockerfile.',
    cis: ['5.28'],
    kinds: ['compose'],
    question: 'Does this service run an image with a version tag or digest that never changes?',
    compose: ({ svc, at }) => {
      const i = svc.image;
      const p = svc.get('image');
      if (i && /@sha256:[0-9a-f]{64}$/.test(i)) return { status: 'pass', evidence: [ev(`image: ${i}${line(at(p))}`, at(p))] };
      if (!p && svc.get('build')) return { status: 'na', evidence: [], summary: 'Built from a Dockerfile: see trusted-pinned-base there.' };
      return undefined;
    },
  },
  {
    id: 'signal-handling',
    title: 'Signals reach the application (exec form, init)',
    why: 'Shell-form CMD and a missing init swallow SIGTERM: containers are killed after the timeout and zombies pile up.',
    how: 'exec-form (Dockerfile) and Compose init rules; exec-form CMD/ENTRYPOINT or `init: true` is the evidence.',
    cis: [],
    kinds: ['dockerfile'],
    // A Compose entrypoint/command replaces the image's (Compose splits a string into words: no shell).
    fromImage: (s) => s.get('entrypoint') === undefined && s.get('command') === undefined,
    dockerfile: (m) => {
      const cmds = (m.finalStage?.instructions ?? []).filter((i) => (i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT') && !i.onbuild && i.jsonForm);
      return cmds.length ? { evidence: cmds.map((i) => ev(`${i.keyword} in exec form${line(i.range)}`, i.range)) } : undefined;
    },
  },
  {
    id: 'supply-chain-integrity',
    title: 'Verified downloads and packages',
    why: 'Unverified downloads, `curl | sh`, disabled TLS and bypassed package signatures let anyone on the path change your image.',
    how: 'curl-pipe-shell, insecure-download, add-remote-unverified, pkg-signature-bypass; pass when they ran without findings.',
    cis: ['4.9', '4.11'],
    kinds: ['dockerfile'],
    fromImage: true,
  },
  {
    id: 'base-image-scan',
    title: 'Images scanned in CI',
    why: 'Base images collect CVEs after you build them; a scanner in CI catches them before release and on rebuilds.',
    how: 'A CI config in the workspace (.github/workflows, .gitlab-ci.yml, azure-pipelines.yml, Jenkinsfile, .circleci/config.yml, bitbucket-pipelines.yml) runs Trivy, Grype, Docker Scout, Snyk, Clair or Anchore.',
    cis: ['4.4'],
    kinds: [],
    question: 'Are images scanned for vulnerabilities and rebuilt when their base images are patched?',
    workspace: (ctx) => detectIn(ctx, SCANNERS, 'scans images'),
  },
  {
    id: 'content-trust',
    title: 'Images signed and signatures verified',
    why: 'Signatures prove the image you run is the one your pipeline built.',
    how: 'A CI config signs images and verifies signatures (cosign sign + cosign verify, notation sign + verify, or DOCKER_CONTENT_TRUST=1, which does both); signing alone needs a human to say where signatures are verified.',
    cis: ['4.5'],
    kinds: [],
    question: 'Are images signed in CI and are signatures verified before deploy?',
    workspace: signedAndVerified,
  },
  {
    id: 'secret-rotation',
    title: 'Secrets stored centrally and rotated',
    why: 'A leaked secret that is never rotated stays valid; files in a repository cannot be rotated at all.',
    how: 'Needs a human: no file in the workspace shows where secrets live or how often they change.',
    cis: [],
    kinds: [],
    question: 'Where do secrets live and how are they rotated?',
    workspace: () => undefined,
  },
  {
    id: 'daemon-hardening',
    title: 'Host and daemon hardened (TLS on the API, rootless or userns-remap)',
    why: 'A daemon API without TLS is remote root; rootless mode or user-namespace remapping limits what an escape can do.',
    how: 'Needs a human: daemon settings live on the hosts, not in the repository.',
    cis: ['2.1', '2.7', '2.9'],
    kinds: [],
    question: 'Do the Docker hosts run rootless or with userns-remap, and is the daemon API TLS-protected (or not exposed)?',
    workspace: () => undefined,
  },
];

// ---------------------------------------------------------------------------------------------
// Public item list

function rulesFor(id: string, rules: readonly AnyRule[]): AnyRule[] {
  return rules.filter((r) => r.meta.checklist?.includes(id));
}

function scopesOf(d: ItemDefinition, rules: readonly AnyRule[]): ChecklistScope[] {
  if (d.workspace) return ['workspace'];
  const kinds = new Set<FileKind>(d.kinds);
  for (const r of rulesFor(d.id, rules)) kinds.add(r.meta.kind);
  return (['dockerfile', 'compose'] as const).filter((k) => kinds.has(k));
}

/** The checklist items with the rules that currently give evidence for each. */
export function checklistItems(rules: readonly AnyRule[] = ALL_RULES): ChecklistItemInfo[] {
  return DEFINITIONS.map((d) => ({
    id: d.id,
    title: d.title,
    why: d.why,
    how: d.how,
    cis: d.cis,
    scopes: scopesOf(d, rules),
    ...(d.question ? { question: d.question } : {}),
    rules: rulesFor(d.id, rules).map((r) => r.meta.id),
  }));
}

export const CHECKLIST_ITEM_IDS: readonly string[] = DEFINITIONS.map((d) => d.id);

// ---------------------------------------------------------------------------------------------
// Compose services (read from the parsed YAML document every Compose model keeps)

interface PairView {
  readonly key: string;
  readonly range: Range;
  readonly node: YamlNode | null;
}

export interface ServiceView {
  readonly name: string;
  readonly range: Range;
  /** Key and value span of the service, for mapping findings to it. */
  readonly span: Range;
  pair(key: string): PairView | undefined;
  child(parent: PairView, key: string): PairView | undefined;
  path(keys: readonly string[]): PairView | undefined;
  scalar(key: string): { value: string; range: Range } | undefined;
  /** Sequence items (or map keys) of a key as strings (`ports`, `cap_drop`, `volumes`). */
  list(key: string): string[];
  keys(p: PairView): string[];
  /** Source text of a pair's value. */
  text(p: PairView): string;
}

function nodeRange(index: TextIndex, n: { range?: [number, number, number] | null | undefined } | null | undefined): Range | undefined {
  const r = n?.range;
  return r ? index.rangeOf(r[0], Math.max(r[0], r[1])) : undefined;
}

function pairsOf(node: YamlNode | null | undefined): Pair[] {
  return isMap(node) ? (node.items as Pair[]) : [];
}

function keyText(p: Pair): string {
  return isScalar(p.key) ? String(p.key.value) : String(p.key);
}

function scalarText(n: unknown): string | undefined {
  return isScalar(n) && n.value !== null && n.value !== undefined ? String(n.value as string | number | boolean) : undefined;
}

function makeView(index: TextIndex, text: string, p: Pair): ServiceView {
  const keyNode = p.key as YamlNode;
  const range = nodeRange(index, keyNode) ?? index.rangeOf(0, 0);
  const value = p.value as YamlNode | null;
  const end = nodeRange(index, value)?.end ?? range.end;
  const view = (q: Pair): PairView => ({ key: keyText(q), range: nodeRange(index, q.key as YamlNode) ?? range, node: q.value as YamlNode | null });
  const find = (node: YamlNode | null | undefined, key: string) => {
    const q = pairsOf(node).find((x) => keyText(x) === key);
    return q ? view(q) : undefined;
  };
  const strings = (node: YamlNode | null | undefined): string[] => {
    if (isSeq(node))
      return node.items
        .map(
          (i) =>
            scalarText(i) ??
            (isMap(i)
              ? pairsOf(i as YamlNode)
                  .map((x) => `${keyText(x)}=${scalarText(x.value) ?? ''}`)
                  .join(',')
              : ''),
        )
        .filter((s) => s !== '');
    if (isMap(node)) return pairsOf(node).map(keyText);
    const s = scalarText(node);
    return s === undefined ? [] : [s];
  };
  return {
    name: keyText(p),
    range,
    span: { start: range.start, end },
    pair: (key) => find(value, key),
    child: (parent, key) => find(parent.node, key),
    path(keys) {
      let cur: PairView | undefined;
      let node: YamlNode | null | undefined = value;
      for (const k of keys) {
        cur = find(node, k);
        if (!cur) return undefined;
        node = cur.node;
      }
      return cur;
    },
    scalar(key) {
      const q = find(value, key);
      const s = q && scalarText(q.node);
      return q && s !== undefined ? { value: s, range: nodeRange(index, q.node) ?? q.range } : undefined;
    },
    list: (key) => strings(find(value, key)?.node),
    keys: (q) => strings(q.node),
    text(q) {
      const r = (q.node as { range?: [number, number, number] } | null)?.range;
      return r ? text.slice(r[0], r[1]) : '';
    },
  };
}

/** The services of a Compose file's first YAML document, in file order. */
export function composeServices(text: string, documents: readonly Document.Parsed[]): ServiceView[] {
  const doc = documents[0];
  if (!doc) return [];
  const index = new TextIndex(text);
  const services = pairsOf(doc.contents as YamlNode | null).find((p) => keyText(p) === 'services');
  return pairsOf(services?.value as YamlNode | null).map((p) => makeView(index, text, p));
}

// ---------------------------------------------------------------------------------------------
// CI configuration (workspace items)

export interface CiFile {
  /** Path relative to the workspace root, forward slashes. */
  readonly path: string;
  readonly text: string;
}

interface WorkspaceContext {
  readonly ci: readonly CiFile[];
}

/** True for the CI configuration files whose texts hosts pass to evaluateChecklist(). */
export function isCiConfigPath(relPath: string): boolean {
  const p = relPath.replace(/\\/g, '/').replace(/^\.\//, '');
  return (
    /^\.github\/workflows\/[^/]+\.ya?ml$/.test(p) ||
    /^\.gitlab-ci\.ya?ml$/.test(p) ||
    /^azure-pipelines\.ya?ml$/.test(p) ||
    /^Jenkinsfile(\.[^/]*)?$/.test(p) ||
    /^\.circleci\/config\.ya?ml$/.test(p) ||
    /^bitbucket-pipelines\.ya?ml$/.test(p)
  );
}

interface Detector {
  readonly tool: string;
  readonly pattern: RegExp;
}

const SCANNERS: readonly Detector[] = [
  // `trivy config` checks IaC misconfigurations and `trivy fs`/`repo` scan source trees: neither scans an image.
  { tool: 'Trivy', pattern: /aquasecurity\/trivy-action|\btrivy\s+(image|i)\b|\btrivy\s+--[\w-]+(\s+\S+)*\s+image\b|aquasec\/trivy\S*\s+image\b/i },
  { tool: 'Grype', pattern: /anchore\/scan-action|\bgrype\s+(?!dir:|file:|sbom:|version\b|db\b|--version\b)\S|anchore\/grype/i },
  { tool: 'Docker Scout', pattern: /docker\/scout-action|docker\s+scout\s+(cves|quickview|recommendations|compare)/i },
  { tool: 'Snyk', pattern: /snyk\/actions\/docker|snyk\s+container\s+(test|monitor)|snyk\/snyk:docker/i },
  { tool: 'Clair', pattern: /\bclairctl\b|\bclair-scanner\b|quay\.io\/projectquay\/clair|arminc\/clair/i },
  { tool: 'Anchore', pattern: /anchore\/anchore-scan-action|\banchorectl\b|anchore\/enterprise/i },
];

// Installing cosign proves nothing; the item asks for signing *and* verification, so each is detected apart.
const SIGNERS: readonly Detector[] = [
  { tool: 'cosign', pattern: /\bcosign\s+sign\b/i },
  { tool: 'Notation', pattern: /\bnotation\s+sign\b|notaryproject\/notation-action\/sign/i },
  // Content trust signs on push and verifies on pull: it covers both halves.
  { tool: 'Docker Content Trust', pattern: /DOCKER_CONTENT_TRUST[=:]\s*['"]?1/ },
];

const VERIFIERS: readonly Detector[] = [
  { tool: 'cosign', pattern: /\bcosign\s+verify(-attestation)?\b/i },
  { tool: 'Notation', pattern: /\bnotation\s+verify\b|notaryproject\/notation-action\/verify/i },
  { tool: 'Docker Content Trust', pattern: /DOCKER_CONTENT_TRUST[=:]\s*['"]?1/ },
];

/** Signed and verified: both seen (in CI, or by content trust); signing alone leaves verification to a human. */
function signedAndVerified(ctx: WorkspaceContext): Fact | undefined {
  const signed = detectIn(ctx, SIGNERS, 'signs images');
  if (!signed) return undefined;
  const verified = detectIn(ctx, VERIFIERS, 'verifies signatures');
  const same = (e: ChecklistEvidence) => signed.evidence.some((x) => x.path === e.path && x.range?.start.line === e.range?.start.line);
  if (verified) return { status: 'pass', evidence: [...signed.evidence, ...verified.evidence.filter((e) => !same(e))] };
  return { evidence: signed.evidence, summary: `${signed.evidence[0]?.text ?? 'Images are signed'}; no step verifies signatures before deploy.` };
}

/** The step a matching line belongs to: the nearest `name:`/`displayName:`/`stage('…')` above it, or its top-level job key. */
function stepName(lines: readonly string[], at: number): string | undefined {
  const indent = (s: string) => s.length - s.trimStart().length;
  const here = indent(lines[at] ?? '');
  for (let i = at; i >= 0; i--) {
    const t = lines[i] ?? '';
    const named = /^\s*(?:-\s+)?(?:name|displayName):\s*['"]?(.+?)['"]?\s*$/.exec(t);
    if (named && indent(t) <= here + 2) return named[1];
    const stage = /\bstage\s*\(\s*['"]([^'"]+)['"]/.exec(t);
    if (stage) return stage[1];
    const job = /^([A-Za-z0-9_.-][^:#]*):\s*$/.exec(t);
    if (job && i < at) return job[1];
  }
  return undefined;
}

function detectIn(ctx: WorkspaceContext, detectors: readonly Detector[], what: string): Fact | undefined {
  const evidence: ChecklistEvidence[] = [];
  for (const f of ctx.ci) {
    const lines = f.text.split(/\r?\n/);
    const seen = new Set<string>();
    lines.forEach((l, i) => {
      if (/^\s*#/.test(l) || /^\s*\/\//.test(l)) return;
      for (const d of detectors) {
        if (seen.has(d.tool) || !d.pattern.test(l)) continue;
        seen.add(d.tool);
        const step = stepName(lines, i);
        const range = { start: { line: i, character: l.length - l.trimStart().length }, end: { line: i, character: l.length } };
        evidence.push({ text: `${d.tool} ${what} in ${f.path}${step ? `, step "${step}"` : ''} (line ${i + 1})`, path: f.path, range });
      }
    });
  }
  return evidence.length ? { status: 'pass', evidence } : undefined;
}

// ---------------------------------------------------------------------------------------------
// Evaluation

export interface ChecklistFileInput {
  /** The path as the host names it (a workspace-relative path, or a URI in the server). */
  readonly path: string;
  readonly result: AnalysisResult;
}

export interface ChecklistOptions {
  readonly files: readonly ChecklistFileInput[];
  /** CI configuration texts found in the workspace (see isCiConfigPath). */
  readonly ci?: readonly CiFile[];
  /** Human confirmations from `.bulkhead/checklist.json`. */
  readonly confirmations?: readonly ChecklistConfirmation[];
  /** The rules the results were produced with (default: the registry). */
  readonly rules?: readonly AnyRule[];
}

function emptyCounts(): Record<ChecklistStatus, number> {
  return { pass: 0, fail: 0, na: 0, human: 0, confirmed: 0 };
}

function toFinding(f: Finding): ChecklistFinding {
  return { ruleId: f.ruleId, message: f.message, severity: f.severity, range: f.range };
}

function findConfirmation(
  all: readonly ChecklistConfirmation[],
  item: string,
  subject: string | undefined,
  path: string | undefined,
): ChecklistConfirmation | undefined {
  const mine = all.filter((c) => c.item === item);
  return (
    mine.find((c) => c.subject !== undefined && c.subject === subject) ??
    mine.find((c) => c.subject !== undefined && c.subject === path) ??
    mine.find((c) => c.subject === undefined || c.subject === '*')
  );
}

function human(
  id: string,
  question: string | undefined,
  summary: string,
  rules: string[],
  confirmations: readonly ChecklistConfirmation[],
  subject?: string,
  path?: string,
): ChecklistItemResult {
  const c = findConfirmation(confirmations, id, subject, path);
  const q = question ?? summary;
  if (c) return { id, status: 'confirmed', summary: `Confirmed: ${c.note}`, evidence: [], findings: [], rules, question: q, confirmation: c };
  return { id, status: 'human', summary, evidence: [], findings: [], rules, question: q };
}

interface SubjectInput {
  readonly id: string;
  readonly path: string;
  readonly kind: FileKind;
  readonly findings: readonly Finding[];
  readonly suppressed: readonly Finding[];
  readonly ran: ReadonlySet<string>;
  readonly fact: (d: ItemDefinition) => Fact | undefined;
}

function evaluateItem(d: ItemDefinition, s: SubjectInput, rules: readonly AnyRule[], confirmations: readonly ChecklistConfirmation[]): ChecklistItemResult {
  const all = rulesFor(d.id, rules).filter((r) => r.meta.kind === s.kind);
  const ran = all.filter((r) => s.ran.has(r.meta.id)).map((r) => r.meta.id);
  const failing = s.findings.filter((f) => ran.includes(f.ruleId));
  if (failing.length) {
    const ids = [...new Set(failing.map((f) => f.ruleId))];
    return {
      id: d.id,
      status: 'fail',
      summary: `${failing.length} finding${failing.length === 1 ? '' : 's'} (${ids.join(', ')})`,
      evidence: [],
      findings: failing.map(toFinding),
      rules: ran,
    };
  }
  // Outside the item's own kinds a rule's finding undermines the item, but silence proves nothing:
  // a Dockerfile cannot show that the container runs with a read-only root filesystem.
  if (!d.kinds.includes(s.kind)) {
    const where =
      s.kind === 'dockerfile' ? 'Decided at run time (Compose, Kubernetes, docker run)' : 'Decided in the image (the Dockerfile the service builds)';
    const against = s.kind === 'dockerfile' ? 'no Dockerfile finding works against it' : 'no Compose finding works against it';
    return {
      id: d.id,
      status: 'na',
      summary: ran.length ? `${where}; ${against} (checked by ${ran.join(', ')}).` : `Not applicable: ${where.charAt(0).toLowerCase()}${where.slice(1)}.`,
      evidence: [],
      findings: [],
      rules: ran,
    };
  }
  let fact: Fact | undefined;
  try {
    fact = s.fact(d);
  } catch {
    fact = undefined; // A fact is extra evidence; odd input must not break the checklist.
  }
  if (fact?.status === 'na') return { id: d.id, status: 'na', summary: fact.summary ?? 'Not applicable.', evidence: fact.evidence, findings: [], rules: ran };
  const ignored = s.suppressed
    .filter((f) => ran.includes(f.ruleId))
    .map((f) => ev(`${f.ruleId} finding ignored by a bulkhead ignore comment${line(f.range)}`, f.range));
  if (ran.length && (fact?.status === 'pass' || !d.passNeedsFact?.includes(s.kind))) {
    const evidence = [...(fact?.evidence ?? []), ...ignored];
    const summary = fact?.evidence[0]?.text ?? `No findings from ${ran.join(', ')}`;
    return { id: d.id, status: 'pass', summary, evidence: evidence.length ? evidence : [ev(`No findings from ${ran.join(', ')}`)], findings: [], rules: ran };
  }
  if (fact?.status === 'pass')
    return { id: d.id, status: 'pass', summary: fact.evidence[0]?.text ?? 'Passed', evidence: fact.evidence, findings: [], rules: [] };
  if (ran.length)
    return human(
      d.id,
      d.question ?? d.title,
      `No findings from ${ran.join(', ')}, but nothing in the ${s.kind === 'dockerfile' ? 'Dockerfile' : 'service'} proves it.`,
      ran,
      confirmations,
      s.id,
      s.path,
    );
  if (all.length)
    return { id: d.id, status: 'na', summary: `Not checked: ${all.map((r) => r.meta.id).join(', ')} turned off.`, evidence: [], findings: [], rules: [] };
  const noRule = `No Bulkhead rule decides this for ${s.kind === 'dockerfile' ? 'Dockerfiles' : 'Compose services'} yet.`;
  return human(d.id, d.question, d.question ?? noRule, [], confirmations, s.id, s.path);
}

function finish(id: string, path: string, kind: FileKind, range: Range, items: ChecklistItemResult[], service?: string): ChecklistSubject {
  const counts = emptyCounts();
  for (const i of items) counts[i.status]++;
  const decided = counts.pass + counts.confirmed + counts.fail + counts.human;
  return {
    id,
    path,
    kind,
    ...(service !== undefined ? { service } : {}),
    range,
    items,
    counts,
    score: decided ? Math.round(((counts.pass + counts.confirmed) / decided) * 100) : 100,
  };
}

const inside = (outer: Range, r: Range) =>
  (r.start.line > outer.start.line || (r.start.line === outer.start.line && r.start.character >= outer.start.character)) &&
  (r.start.line < outer.end.line || (r.start.line === outer.end.line && r.start.character <= outer.end.character));

// ---------------------------------------------------------------------------------------------
// Services built from an analysed Dockerfile take the image items from it

/** A URI's scheme and authority (`file://`), kept apart so path helpers do not fold its `//`. */
const URI_PREFIX = /^([a-z][\w+.-]*:\/\/[^/]*)/i;

/** A comparable form of a host path: forward slashes, `.`/`..` folded, Windows drive paths case-folded. */
export function checklistPathKey(p: string): string {
  const prefix = URI_PREFIX.exec(p)?.[1] ?? '';
  const k = prefix.toLowerCase() + join('.', p.slice(prefix.length).replace(/\\/g, '/'));
  return /^[A-Za-z]:\//.test(k) || /^[a-z]+:\/\/[^/]*\/[A-Za-z](:|%3A)/i.test(k) ? k.toLowerCase() : k;
}

/**
 * The Dockerfile path a service's `build:` names, as the host would name it: the context resolved
 * against the Compose file's directory, then `dockerfile` (default `Dockerfile`) against the context.
 * Undefined for remote contexts (Git URLs), inline Dockerfiles and unknown values.
 */
export function buildDockerfilePath(
  composePath: string,
  build: { readonly context: string | undefined; readonly dockerfile: string | undefined; readonly dockerfileInline: string | undefined },
): string | undefined {
  const context = build.context?.trim();
  if (context === undefined || build.dockerfileInline !== undefined) return undefined;
  if (/^[a-z][\w+.-]*:\/\//i.test(context) || /^git@|^github\.com\//i.test(context) || /\.git(#|$)/.test(context)) return undefined;
  const prefix = URI_PREFIX.exec(composePath)?.[1] ?? '';
  const dir = join(dirname(composePath.slice(prefix.length)), context || '.');
  return prefix + join(dir, build.dockerfile?.trim() || 'Dockerfile');
}

interface ImageSubject {
  readonly path: string;
  /** From `dockerfile_inline`: already in the Compose file, so no other path to point at. */
  readonly inline?: boolean;
  readonly model: DockerfileModel | undefined;
  readonly items: ReadonlyMap<string, ChecklistItemResult>;
}

/** An image item as the built Dockerfile decided it, every line pointing into that Dockerfile. */
function inherited(r: ChecklistItemResult, path: string): ChecklistItemResult {
  return {
    ...r,
    summary: `${path}: ${r.summary}`,
    evidence: r.evidence.map((e) => (e.path !== undefined ? e : { ...e, text: `${path}: ${e.text}`, path })),
    findings: r.findings.map((f) => (f.path !== undefined ? f : { ...f, path })),
  };
}

/** The analysed Dockerfile a service builds, when Compose would build exactly its final stage. */
function imageOf(
  svc: ComposeService | undefined,
  model: ComposeModel,
  composePath: string,
  images: ReadonlyMap<string, ImageSubject>,
  inline?: (b: NonNullable<ReturnType<ComposeService['build']>>) => ImageSubject | undefined,
): ImageSubject | undefined {
  const b = svc?.build();
  // Paths in another project file (an override elsewhere) are relative to that file; the host names only ours.
  if (!b || !model.isLocal(b.pair)) return undefined;
  if (b.dockerfileInline !== undefined && !b.target) return inline?.(b);
  // `dockerfile: ${VAR}` with the variable unset is unknown, not the default `Dockerfile`.
  if (b.dockerfile === undefined && b.pair.value.kind === 'map' && b.pair.value.get('dockerfile')) return undefined;
  const target = buildDockerfilePath(composePath, b);
  const image = target === undefined ? undefined : images.get(checklistPathKey(target));
  if (!image) return undefined;
  // `target:` builds a named stage: the final stage's analysis would describe a different image.
  if (b.target !== undefined || (b.pair.value.kind === 'map' && b.pair.value.get('target'))) {
    const last = image.model?.finalStage?.name;
    if (b.target === undefined || last === undefined || last.toLowerCase() !== b.target.toLowerCase()) return undefined;
  }
  return image;
}

/**
 * `dockerfile_inline`: the text is analysed here (the host never sees it as a file) and every
 * range is moved into the Compose file: lines of a block literal (`|`) map one to one, anything
 * else points at the `dockerfile_inline` key.
 */
function inlineImage(
  b: NonNullable<ReturnType<ComposeService['build']>>,
  model: ComposeModel,
  composePath: string,
  rules: readonly AnyRule[],
  confirmations: readonly ChecklistConfirmation[],
): ImageSubject | undefined {
  const pair = b.pair.value.kind === 'map' ? b.pair.value.get('dockerfile_inline') : undefined;
  if (!pair || b.dockerfileInline === undefined || !model.isLocal(pair) || pair.value.kind !== 'scalar') return undefined;
  const result = analyze(b.dockerfileInline, { kind: 'dockerfile', rules });
  const subject = subjectsOf({ path: composePath, result }, rules, confirmations)[0];
  if (!subject) return undefined;
  const node = pair.value.node as { type?: string } | undefined;
  const start = pair.value.range.start.line + 1;
  const lines = model.text.split(/\r?\n/);
  const first = lines.slice(start).find((l) => l.trim() !== '');
  const indent = first === undefined ? 0 : first.length - first.trimStart().length;
  const block = node?.type === 'BLOCK_LITERAL';
  const move = (r: Range): Range =>
    block
      ? { start: { line: start + r.start.line, character: r.start.character + indent }, end: { line: start + r.end.line, character: r.end.character + indent } }
      : pair.keyRange;
  const relabel = (t: string) =>
    t.replace(
      / on line (\d+)/g,
      (_, n: string) => ` on line ${move({ start: { line: Number(n) - 1, character: 0 }, end: { line: Number(n) - 1, character: 0 } }).start.line + 1}`,
    );
  const items = new Map(
    subject.items.map((i) => [
      i.id,
      {
        ...i,
        summary: `dockerfile_inline: ${relabel(i.summary)}`,
        evidence: i.evidence.map((e) => ({ ...e, text: `dockerfile_inline: ${relabel(e.text)}`, ...(e.range ? { range: move(e.range) } : {}) })),
        findings: i.findings.map((f) => ({ ...f, range: move(f.range) })),
      },
    ]),
  );
  const m = result.model?.kind === 'dockerfile' ? result.model : undefined;
  return { path: composePath, model: m, items, inline: true };
}

/** Subjects of one analysed file: the Dockerfile, or each Compose service (the file when it has none). */
function subjectsOf(
  file: ChecklistFileInput,
  rules: readonly AnyRule[],
  confirmations: readonly ChecklistConfirmation[],
  images: ReadonlyMap<string, ImageSubject> = new Map(),
): ChecklistSubject[] {
  const r = file.result;
  const zero: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const ran = new Set(Object.keys(r.timings).filter((id) => !r.errors.some((e) => e.ruleId === id)));
  const fileDefs = DEFINITIONS.filter((d) => !d.workspace);
  if (r.kind === 'dockerfile' || !r.model || r.model.kind !== 'compose') {
    const model = r.model && r.model.kind === 'dockerfile' ? r.model : undefined;
    const input: SubjectInput = {
      id: file.path,
      path: file.path,
      kind: r.kind,
      findings: r.findings,
      suppressed: r.suppressed,
      ran,
      fact: (d) => (model && d.dockerfile ? d.dockerfile(model) : undefined),
    };
    return [
      finish(
        file.path,
        file.path,
        r.kind,
        zero,
        fileDefs.map((d) => evaluateItem(d, input, rules, confirmations)),
      ),
    ];
  }
  let services: ServiceView[] = [];
  try {
    services = composeServices(r.model.text, r.model.documents);
  } catch {
    services = [];
  }
  if (services.length === 0) {
    const input: SubjectInput = { id: file.path, path: file.path, kind: 'compose', findings: r.findings, suppressed: r.suppressed, ran, fact: () => undefined };
    return [
      finish(
        file.path,
        file.path,
        'compose',
        zero,
        fileDefs.map((d) => evaluateItem(d, input, rules, confirmations)),
      ),
    ];
  }
  // A finding outside every service (top-level networks, secrets) concerns the whole project: it counts for each service.
  const outside = (f: Finding) => !services.some((s) => inside(s.span, f.range));
  const model = r.model;
  const at = (p: Pick<CPair, 'file' | 'keyRange'> | undefined) => (p && model.isLocal(p) ? p.keyRange : undefined);
  return services.map((svc) => {
    const id = `${file.path}#${svc.name}`;
    const mine = (f: Finding) => inside(svc.span, f.range) || outside(f);
    const merged = model.service(svc.name);
    const facts: ServiceFacts | undefined = merged && { svc: merged, at };
    const input: SubjectInput = {
      id,
      path: file.path,
      kind: 'compose',
      findings: r.findings.filter(mine),
      suppressed: r.suppressed.filter(mine),
      ran,
      fact: (d) => (d.compose && facts ? d.compose(facts) : undefined),
    };
    let image: ImageSubject | undefined;
    try {
      image = imageOf(merged, model, file.path, images, (b) => inlineImage(b, model, file.path, rules, confirmations));
    } catch {
      image = undefined; // odd build: values keep today's per-file answer
    }
    const items = fileDefs.map((d) => {
      const own = evaluateItem(d, input, rules, confirmations);
      const fromImage = image && merged && d.fromImage && (d.fromImage === true || d.fromImage(merged)) ? image.items.get(d.id) : undefined;
      // A Compose finding against an image item (a build arg secret) still fails it.
      return fromImage && own.status !== 'fail' && image ? (image.inline ? fromImage : inherited(fromImage, image.path)) : own;
    });
    return finish(id, file.path, 'compose', svc.range, items, svc.name);
  });
}

/** The whole checklist for a set of analysed files plus the workspace's CI configuration. */
export function evaluateChecklist(options: ChecklistOptions): ChecklistReport {
  const rules = options.rules ?? ALL_RULES;
  const confirmations = options.confirmations ?? [];
  // Dockerfiles first, so services that build them can take their image items.
  const images = new Map<string, ImageSubject>();
  const bySubject = new Map<ChecklistFileInput, ChecklistSubject[]>();
  for (const f of options.files) {
    if (f.result.kind !== 'dockerfile') continue;
    const own = subjectsOf(f, rules, confirmations);
    bySubject.set(f, own);
    const s = own[0];
    const model = f.result.model?.kind === 'dockerfile' ? f.result.model : undefined;
    if (s) images.set(checklistPathKey(f.path), { path: f.path, model, items: new Map(s.items.map((i) => [i.id, i])) });
  }
  const subjects = options.files.flatMap((f) => bySubject.get(f) ?? subjectsOf(f, rules, confirmations, images));
  const ctx: WorkspaceContext = { ci: options.ci ?? [] };
  const workspace = DEFINITIONS.filter((d) => d.workspace).map((d): ChecklistItemResult => {
    let fact: Fact | undefined;
    try {
      fact = d.workspace?.(ctx);
    } catch {
      fact = undefined;
    }
    if (fact?.status === 'pass')
      return { id: d.id, status: 'pass', summary: fact.evidence[0]?.text ?? 'Passed', evidence: fact.evidence, findings: [], rules: [] };
    if (fact?.summary) return human(d.id, d.question, fact.summary, [], confirmations);
    const searched = ctx.ci.length ? `No matching step in ${ctx.ci.map((c) => c.path).join(', ')}.` : 'No CI configuration found in the workspace.';
    return human(d.id, d.question, d.id === 'base-image-scan' || d.id === 'content-trust' ? searched : (d.question ?? ''), [], confirmations);
  });
  const counts = emptyCounts();
  for (const s of subjects) for (const i of s.items) counts[i.status]++;
  for (const i of workspace) counts[i.status]++;
  return { items: checklistItems(rules), subjects, workspace, counts };
}

/**
 * Reads `.bulkhead/checklist.json` text: `{ "confirmations": [{ "item", "subject"?, "note", "by"?, "date"? }] }`.
 * Bad entries are skipped, never thrown on (the file is edited by hand and reviewed like code).
 */
export function parseConfirmations(text: string | undefined): ChecklistConfirmation[] {
  if (!text) return [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return [];
  }
  const list = (data as { confirmations?: unknown } | null)?.confirmations;
  if (!Array.isArray(list)) return [];
  const out: ChecklistConfirmation[] = [];
  for (const c of list as unknown[]) {
    if (!c || typeof c !== 'object') continue;
    const o = c as Record<string, unknown>;
    if (typeof o['item'] !== 'string' || typeof o['note'] !== 'string') continue;
    out.push({
      item: o['item'],
      note: o['note'],
      ...(typeof o['subject'] === 'string' ? { subject: o['subject'] } : {}),
      ...(typeof o['by'] === 'string' ? { by: o['by'] } : {}),
      ...(typeof o['date'] === 'string' ? { date: o['date'] } : {}),
    });
  }
  return out;
}

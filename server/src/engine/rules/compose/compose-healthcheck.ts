import { defineRule, type Related } from '../../rule';
import { builtDockerfile, removePair, stageChain, text, type BuiltDockerfile, type ComposeModel, type ComposeService } from '../../model/compose';
import type { DockerInstruction } from '../../model/dockerfile';

/**
 * C31/X03: a service whose health nobody checks: the Compose healthcheck disabled (over the
 * Dockerfile's HEALTHCHECK, or at all), or defined neither in Compose nor in the Dockerfile
 * the service is built from. Image-only services are reported only when they serve ports,
 * because the image may define a HEALTHCHECK we cannot see.
 */
export default defineRule({
  meta: {
    id: 'compose-healthcheck',
    kind: 'compose',
    title: 'Give long-running services a healthcheck',
    severity: 'low',
    category: 'reliability',
    messages: {
      disabledOverridesDockerfile:
        'The healthcheck of "{service}" is disabled here although its Dockerfile defines a HEALTHCHECK: a hung service is reported as running and depends_on: service_healthy cannot wait for it. Remove the override, or replace it with a working check.',
      disabled: 'The healthcheck of "{service}" is disabled: a hung or broken service is reported as running. Define a test that probes the service instead.',
      missingBuilt:
        'Neither the Compose file nor the Dockerfile "{service}" is built from defines a healthcheck: a hung service is reported as running, and depends_on: service_healthy cannot wait for it. Add a HEALTHCHECK to the Dockerfile or a healthcheck: to the service.',
      missingImage:
        'Service "{service}" publishes ports but defines no healthcheck: unless its image has a HEALTHCHECK (docker inspect shows it), a hung service is reported as running. Add a healthcheck: that probes the service.',
      fix: 'Remove the healthcheck override (the Dockerfile HEALTHCHECK applies)',
    },
    // Unsafe: the Dockerfile's check starts marking the container unhealthy, which changes what
    // `depends_on: condition: service_healthy` and orchestrators do.
    fix: 'unsafe',
    checklist: ['healthcheck'],
    references: [
      { tool: 'kics', id: '698ed579', match: 'partial' },
      { tool: 'cis', id: '5.27', match: 'same' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    const oneShot = completedDependencies(model);
    for (const service of model.services) {
      const hc = service.healthcheck();
      const built = builtDockerfile(model, service);
      const inImage = built ? dockerfileHealthcheck(built) : undefined;
      const data = { service: service.name };
      if (hc?.disabled) {
        const map = hc.pair.value.kind === 'map' ? hc.pair.value : undefined;
        const at = map?.get('disable') ?? map?.get('test') ?? hc.pair;
        if (built && inImage && !isNone(inImage)) {
          const own = service.definitionIn(model.file)?.map;
          const pair = own?.get('healthcheck');
          report({
            file: at.file,
            range: at.range,
            messageId: 'disabledOverridesDockerfile',
            data,
            related: [built.related(inImage.range, 'The HEALTHCHECK this override disables')],
            ...(own && pair && pair === hc.pair ? { fix: () => [removePair(model, own, pair)].filter((e) => e !== undefined) } : {}),
          });
        } else report({ file: at.file, range: at.range, messageId: 'disabled', data });
        continue;
      }
      if (hc || oneShot.has(service.name) || runsOnce(service)) continue;
      if (built) {
        if (inImage && !isNone(inImage)) continue;
        const related: Related[] = [
          inImage
            ? built.related(inImage.range, 'HEALTHCHECK NONE: the image disables its health check')
            : built.related(built.stage.from.range, 'The stage the service runs has no HEALTHCHECK'),
        ];
        report({ ...service.key, messageId: 'missingBuilt', data, related });
      } else if (!service.build() && service.image !== undefined && (service.ports().length > 0 || service.get('expose'))) {
        report({ ...service.key, messageId: 'missingImage', data });
      }
    }
  },
});

function isNone(ins: DockerInstruction): boolean {
  return ins.args[0]?.value.toUpperCase() === 'NONE';
}

/** The last HEALTHCHECK of the stage the service runs, else of the stages it is built FROM. */
function dockerfileHealthcheck(built: BuiltDockerfile): DockerInstruction | undefined {
  for (const s of stageChain(built.stage)) {
    const last = s.instructions.filter((i) => i.keyword === 'HEALTHCHECK' && !i.onbuild).pop();
    if (last) return last;
  }
  return undefined;
}

/** Profiles that hold opt-in tooling rather than the application (`docker compose --profile setup run …`). */
const TOOL_PROFILES = /^(?:setup|init|tools?|tooling|cli|migrat\w*|seed\w*|jobs?|tasks?|tests?|debug|maintenance|admin|backup|ops)$/i;

/**
 * A task, not a server: `restart: "no"` (or `deploy.restart_policy.condition: none`) with
 * nothing published, `network_mode: none` (nothing can reach it to check), or only tooling profiles.
 */
function runsOnce(service: ComposeService): boolean {
  const r = service.restart();
  const once = r === undefined ? false : r.source === 'restart' ? r.policy === 'no' : r.policy === 'none';
  if (once && service.ports().length === 0) return true;
  if (service.string('network_mode') === 'none') return true;
  const profiles = service.get('profiles')?.value;
  const names = profiles?.kind === 'seq' ? profiles.items.map((i) => text(i)) : [];
  return names.length > 0 && names.every((n) => n !== undefined && TOOL_PROFILES.test(n));
}

/** Services others wait for with `condition: service_completed_successfully` (migrations, init jobs). */
function completedDependencies(model: ComposeModel): Set<string> {
  const out = new Set<string>();
  for (const s of model.services) {
    const deps = s.get('depends_on')?.value;
    if (deps?.kind !== 'map') continue;
    for (const p of deps.pairs) if (p.value.kind === 'map' && text(p.value.get('condition')?.value) === 'service_completed_successfully') out.add(p.key);
  }
  return out;
}

import { defineRule } from '../../rule';
import { CONTAINER_NAME, serviceProfiles, serviceReplicas, type ComposeService } from '../../model/compose';

/**
 * `container_name` values Docker rejects, that two services share, or that a scaled service
 * cannot use (each replica needs its own name). A fixed name on its own is not reported.
 */
export default defineRule({
  meta: {
    id: 'compose-container-name',
    kind: 'compose',
    title: 'Use valid, unique container names',
    severity: 'info',
    category: 'reliability',
    messages: {
      invalid:
        'container_name "{name}" is not a valid container name: Docker accepts [a-zA-Z0-9][a-zA-Z0-9_.-]+ (letters, digits, _ . -, at least two characters, not starting with a symbol), so the service fails to start.',
      duplicate:
        'container_name "{name}" is also used by service "{other}": container names are unique per Docker host, so the second container fails to start ("Conflict. The container name is already in use").',
      scaled:
        'container_name "{name}" is fixed but the service asks for {replicas} replicas: Compose refuses to scale a service with a fixed container name. Remove container_name (Compose names containers <project>-<service>-<n>).',
    },
    references: [
      { tool: 'dclint', id: 'no-duplicate-container-names', match: 'same' },
      { tool: 'dclint', id: 'service-container-name-regex', match: 'same' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    const named: { service: ComposeService; name: string }[] = [];
    for (const service of model.services) {
      const pair = service.get('container_name');
      const name = service.string('container_name');
      if (!pair || name === undefined) continue;
      const at = { file: pair.value.file, range: pair.value.range };
      if (!CONTAINER_NAME.test(name)) {
        report({ ...at, messageId: 'invalid', data: { name } });
        continue;
      }
      const replicas = serviceReplicas(service);
      if (replicas !== undefined && replicas > 1) report({ ...at, messageId: 'scaled', data: { name, replicas: String(replicas) } });
      const other = named.find((n) => n.name.replace(/^\//, '') === name.replace(/^\//, '') && !disjointProfiles(n.service, service));
      if (other) report({ ...at, messageId: 'duplicate', data: { name, other: other.service.name } });
      named.push({ service, name });
    }
  },
});

function disjointProfiles(a: ComposeService, b: ComposeService): boolean {
  const pa = serviceProfiles(a);
  const pb = serviceProfiles(b);
  return pa.length > 0 && pb.length > 0 && !pa.some((p) => pb.includes(p));
}

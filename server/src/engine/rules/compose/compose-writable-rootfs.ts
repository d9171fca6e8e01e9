import { defineRule } from '../../rule';
import { replaceScalar, setServiceKeys, type ComposeService } from '../../model/compose';
import { parseImageRef } from '../../model/image';
import type { TextEdit } from '../../types';

/**
 * Paths the official images write to at run time besides their data volumes (pid files,
 * sockets, caches), from their Dockerfiles and documentation; every image gets /tmp.
 */
const WRITABLE: readonly (readonly [RegExp, readonly string[]])[] = [
  [/^(?:nginx|nginxinc\/nginx-unprivileged)$/, ['/var/cache/nginx', '/var/run']],
  [/^httpd$/, ['/usr/local/apache2/logs']],
  [/^postgres$|^postgis\/postgis$/, ['/var/run/postgresql']],
  [/^(?:mysql|mariadb|percona)$/, ['/var/run/mysqld']],
];

/** The paths the image is known to write to (always /tmp first). */
function writablePaths(service: ComposeService): string[] {
  const ref = parseImageRef(service.image ?? '');
  const repo = ref ? (ref.registry === undefined || ref.registry === 'docker.io' ? ref.repository.replace(/^library\//, '') : '') : '';
  return ['/tmp', ...(WRITABLE.find(([re]) => re.test(repo))?.[1] ?? [])];
}

/** A writable root filesystem lets an intruder drop tools and change the application in place. */
export default defineRule({
  meta: {
    id: 'compose-writable-rootfs',
    kind: 'compose',
    title: 'Run services with a read-only root filesystem',
    severity: 'medium',
    category: 'filesystem',
    messages: {
      missing:
        'Service "{service}" has a writable root filesystem: an intruder can download tools, plant a backdoor or change the application\'s code and configuration inside the container. Set read_only: true and give the paths the service writes to a tmpfs or a volume (for this image at least {paths}).',
      writable:
        'read_only: false leaves the root filesystem of "{service}" writable: an intruder can change the application inside the container. Set read_only: true and give the paths the service writes to a tmpfs or a volume (for this image at least {paths}).',
      fix: 'Set read_only: true with a tmpfs for {paths} (check that the service writes nowhere else)',
    },
    // Unsafe: a service that writes outside the paths we know (uploads, caches, generated
    // config) fails at run time until those paths get a tmpfs or a volume.
    fix: 'unsafe',
    checklist: ['read-only-rootfs'],
    references: [
      { tool: 'semgrep', id: 'writable-filesystem-service', match: 'same' },
      { tool: 'cis', id: '5.13', match: 'same' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    // A Dev Container is a development machine: tools get installed into it while it runs.
    if (/(?:^|[\\/])\.devcontainer[\\/]/.test(model.file)) return;
    for (const service of model.services) {
      const ro = service.get('read_only');
      const value = service.bool('read_only');
      if (ro && value !== false) continue;
      const paths = writablePaths(service);
      // Paths already mounted (a volume, a tmpfs) stay as they are; an existing tmpfs list is
      // the user's and is not extended.
      const mounted = new Set([...service.volumes().map((m) => m.target), ...service.tmpfs().map((t) => t.target)]);
      const missing = paths.filter((p) => !mounted.has(p));
      const tmpfs: [string, readonly string[]][] = service.get('tmpfs') || missing.length === 0 ? [] : [['tmpfs', missing]];
      const def = service.definitionIn(model.file);
      const data = { service: service.name, paths: paths.join(', ') };
      if (!ro) {
        report({
          ...service.key,
          messageId: 'missing',
          data,
          fix: () => (def ? edits(setServiceKeys(model, def, [], [['read_only', 'true'], ...tmpfs])) : []),
        });
        continue;
      }
      report({
        file: ro.file,
        range: ro.range,
        messageId: 'writable',
        data,
        fix: () => {
          const flip = replaceScalar(model, ro.value, 'true');
          const add = tmpfs.length > 0 && def ? setServiceKeys(model, def, [], tmpfs) : undefined;
          return flip && (tmpfs.length === 0 || add) ? edits(flip, add) : [];
        },
      });
    }
  },
});

const edits = (...e: (TextEdit | undefined)[]): TextEdit[] => e.filter((x) => x !== undefined);

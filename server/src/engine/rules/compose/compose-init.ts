import { defineRule } from '../../rule';
import { items, setServiceKey, text } from '../../model/compose';

// Images whose own PID 1 must stay PID 1 (s6-overlay refuses to start under another init).
const OWN_INIT_IMAGE = /(?:^|\/)linuxserver\/|^lscr\.io\//;
const INIT_ENTRYPOINT = /(?:^|\/)(?:tini|dumb-init|catatonit|s6-svscan|init)(?:$|\s)/;

/** Without an init process, PID 1 is the application: zombies are not reaped and signals may be ignored. */
export default defineRule({
  meta: {
    id: 'compose-init',
    kind: 'compose',
    title: 'Run an init process as PID 1',
    severity: 'info',
    category: 'reliability',
    messages: {
      missing:
        'Service "{service}" runs its program as PID 1 without an init: child processes that exit are never reaped (zombies pile up until the pids limit) and SIGTERM may be ignored, so stops wait for the kill timeout. Add init: true unless the image ships its own init.',
      fix: 'Add init: true (check that the image does not need its own PID 1, e.g. s6-overlay)',
    },
    // Unsafe: images built around their own init (s6-overlay, supervisord as PID 1) can refuse
    // to start or behave differently under Docker's tini.
    fix: 'unsafe',
    checklist: ['signal-handling'],
    references: [],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const service of model.services) {
      // Present (true, an explicit false or an unset variable): a decision was made.
      if (service.get('init')) continue;
      if (OWN_INIT_IMAGE.test(service.image ?? '')) continue;
      const entrypoint = items(service.get('entrypoint')?.value)
        .map((n) => text(n) ?? '')
        .join(' ');
      if (INIT_ENTRYPOINT.test(entrypoint.split(/\s+/)[0] ?? '')) continue;
      const def = service.definitionIn(model.file);
      report({
        ...service.key,
        messageId: 'missing',
        data: { service: service.name },
        fix: () => (def ? [setServiceKey(model, def, ['init'], 'true')].filter((e) => e !== undefined) : []),
      });
    }
  },
});

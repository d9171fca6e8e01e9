import { defineRule } from '../../rule';
import { bool, items, text } from '../../model/compose';

/** Build-time privileges: `build.privileged`, insecure entitlements and the host network. */
export default defineRule({
  meta: {
    id: 'compose-build-privileged',
    kind: 'compose',
    title: 'Do not build with elevated privileges',
    severity: 'high',
    category: 'supply-chain',
    messages: {
      privileged:
        'build.privileged: true runs the build with extended privileges: every RUN of the Dockerfile (and of any base image ONBUILD trigger) can reach the builder host. Remove it; a step that needs a device or a capability belongs in a runtime container.',
      insecure:
        'The security.insecure entitlement lets RUN --security=insecure steps run as privileged containers on the builder host. Remove it and the step that needs it.',
      networkHost:
        "{what} gives RUN steps the builder host's network: they can reach services on its localhost and on the host's private networks (cloud metadata, internal registries). Remove it; use build args or secrets for what the step downloads.",
    },
    // No fix: the build step that asked for it would fail. No checklist item: the items are about
    // the running container, and this is the builder host.
    checklist: [],
    references: [],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const service of model.services) {
      const build = service.get('build');
      if (build?.value.kind !== 'map') continue;
      const privileged = build.value.get('privileged');
      if (privileged && bool(privileged.value) === true) report({ file: privileged.file, range: privileged.range, messageId: 'privileged' });
      for (const e of items(build.value.get('entitlements')?.value)) {
        const name = text(e)?.trim();
        if (name === 'security.insecure') report({ file: e.file, range: e.range, messageId: 'insecure' });
        else if (name === 'network.host') report({ file: e.file, range: e.range, messageId: 'networkHost', data: { what: 'The network.host entitlement' } });
      }
      const network = build.value.get('network');
      if (network && text(network.value) === 'host')
        report({ file: network.file, range: network.range, messageId: 'networkHost', data: { what: 'build.network: host' } });
    }
  },
});

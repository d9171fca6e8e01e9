import { defineRule } from '../../rule';
import type { Range } from '../../types';

/** Public registries with a documented publishing process; teams replace the list with their own. */
const DEFAULT_TRUSTED = ['docker.io', 'mcr.microsoft.com', 'gcr.io/distroless', 'registry.k8s.io', 'registry.access.redhat.com', 'registry.redhat.io', 'public.ecr.aws', 'cgr.dev', 'quay.io', 'ghcr.io'];

/** A base image pulled from a registry the team has not approved (opt-in policy rule). */
export default defineRule({
  meta: {
    id: 'untrusted-registry',
    kind: 'dockerfile',
    title: 'Pull base images only from trusted registries',
    severity: 'medium',
    category: 'supply-chain',
    messages: {
      untrusted: 'Base image "{image}" comes from "{registry}", which is not in the trusted registries ({trusted}); mirror it into a trusted registry or add the registry to `trustedRegistries` after review.',
    },
    checklist: ['trusted-pinned-base'],
    references: [
      { tool: 'hadolint', id: 'DL3026', match: 'same' },
      { tool: 'cis', id: '4.2', match: 'partial' },
      { tool: 'dockle', id: 'CIS-DI-0002', match: 'inspired' },
    ],
    // Which registries are trusted is a team decision (hadolint DL3026 is opt-in as well).
    enabledByDefault: false,
  },
  defaultOptions: { trustedRegistries: DEFAULT_TRUSTED as string[] },
  check({ model, options, report }) {
    const trusted = options.trustedRegistries.map((t) => t.toLowerCase().replace(/\/+$/, ''));
    for (const stage of model.stages) {
      const { ref, range } = stage.image;
      if (!ref || ref.isScratch || stage.baseStage) continue;
      const registry = (ref.registry ?? 'docker.io').toLowerCase();
      const path = `${registry}/${ref.repository}`;
      // An entry is a host (`ghcr.io`) or a host with a path prefix (`ghcr.io/my-org`).
      if (trusted.some((t) => path === t || path.startsWith(`${t}/`) || (registry === 'docker.io' && (t === 'docker.io/library' ? !ref.repository.includes('/') : false)))) continue;
      const written = model.index.slice(range);
      const literal = ref.registry !== undefined && written.toLowerCase().startsWith(ref.registry.toLowerCase()) && range.start.line === range.end.line;
      const at: Range = literal ? { start: range.start, end: { line: range.start.line, character: range.start.character + (ref.registry as string).length } } : range;
      report({ range: at, messageId: 'untrusted', data: { image: ref.raw, registry, trusted: trusted.join(', ') || 'none configured' } });
    }
  },
});

import { defineRule } from '../../rule';

/**
 * `build:` and `image:` together, without `pull_policy: build`: Compose first tries to pull
 * `image` and builds only when the pull fails, so what runs may be a registry image rather than
 * this source (compose-spec build.md, "Using build and image").
 */
export default defineRule({
  meta: {
    id: 'compose-build-and-image',
    kind: 'compose',
    title: 'Say whether a service is built or pulled',
    severity: 'info',
    category: 'supply-chain',
    messages: {
      both: 'Service "{service}" has both build: and image: {image}. Without pull_policy: build, Compose first tries to pull {image} and builds from source only if the pull fails, so the container may run a registry image instead of this code. Add pull_policy: build to always build (image: then only names the result), or remove build: to always pull.',
    },
    references: [{ tool: 'dclint', id: 'no-build-and-image', match: 'partial' }],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const service of model.services) {
      const image = service.get('image');
      if (!image || !service.get('build')) continue;
      const policy = service.string('pull_policy');
      // `build` always builds; `never` never contacts a registry. Unknown (a variable) is not a finding.
      if (policy === 'build' || policy === 'never' || (service.get('pull_policy') && policy === undefined)) continue;
      const name = service.image;
      if (name === undefined) continue;
      report({ file: image.file, range: image.range, messageId: 'both', data: { service: service.name, image: name } });
    }
  },
});

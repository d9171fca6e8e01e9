import { defineRule, type Related } from '../../rule';
import { bool, builtDockerfile, stageChain, text, type BuiltDockerfile, type ComposeService } from '../../model/compose';
import { isWellFormed, parseImageRef, type ImageRef } from '../../model/image';
import type { Range } from '../../types';

/** Tags that name a moving target rather than a release. */
const FLOATING = new Set([
  'latest',
  'stable',
  'edge',
  'mainline',
  'lts',
  'current',
  'nightly',
  'rolling',
  'main',
  'master',
  'develop',
  'dev',
  'beta',
  'canary',
  'testing',
  'unstable',
]);

const floating = (ref: ImageRef) => ref.digest === undefined && (ref.tag === undefined || FLOATING.has(ref.tag.toLowerCase()));

/**
 * C38/X07: images that move under the service. `image:` without a tag or with a floating one;
 * and, for built services that always pull (`pull_policy: always`, `build.pull: true`), a
 * floating base image in the Dockerfile. The Dockerfile's FROM line itself is `from-latest`'s;
 * this finding is on the Compose setting that makes every build take whatever the tag is today.
 */
export default defineRule({
  meta: {
    id: 'compose-image-tag',
    kind: 'compose',
    title: 'Pin service images to a release tag',
    severity: 'medium',
    category: 'supply-chain',
    messages: {
      untagged:
        'Image "{image}" has no tag, so Compose pulls :latest, whatever it is today: deployments are not reproducible and a bad push reaches you unreviewed. Pin a release tag (and ideally a digest).',
      floating:
        'Image "{image}" uses the moving tag ":{tag}": deployments are not reproducible and a bad push reaches you unreviewed. Pin a release tag (and ideally a digest).',
      floatingBasePulled:
        '{setting} makes every build of "{service}" pull its base image again, and the Dockerfile builds on the moving "{base}": each build silently takes a different base. Pin the FROM to a release tag (and ideally a digest), or stop forcing the pull.',
    },
    checklist: ['immutable-tags', 'trusted-pinned-base'],
    references: [
      { tool: 'dclint', id: 'service-image-require-explicit-tag', match: 'same' },
      { tool: 'cis', id: '5.28', match: 'partial' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    // Images another service of the project builds are local names, not pulls.
    const builtHere = new Set(model.services.filter((s) => s.get('build') && s.image !== undefined).map((s) => s.image as string));
    for (const service of model.services) {
      if (service.get('build')) {
        checkBuilt(service, builtDockerfile(model, service), report);
        continue;
      }
      const pair = service.get('image');
      const image = text(pair?.value);
      if (!pair || image === undefined || builtHere.has(image)) continue;
      const ref = parseImageRef(image);
      if (!ref || !isWellFormed(ref) || ref.isScratch || !floating(ref)) continue;
      if (ref.tag === undefined) report({ ...pair.value, messageId: 'untagged', data: { image } });
      else report({ ...pair.value, messageId: 'floating', data: { image, tag: ref.tag } });
    }
  },
});

type Reporter = (r: { file: string; range: Range; messageId: 'floatingBasePulled'; data: Record<string, string>; related: Related[] }) => void;

function checkBuilt(service: ComposeService, built: BuiltDockerfile | undefined, report: Reporter): void {
  const policy = service.get('pull_policy');
  const pull = service.get('build.pull');
  const setting = policy && text(policy.value) === 'always' ? policy : pull && bool(pull.value) === true ? pull : undefined;
  if (!setting || !built) return;
  const root = stageChain(built.stage).pop() ?? built.stage;
  const ref = root.image.ref;
  if (!ref || root.image.text === undefined || !isWellFormed(ref) || ref.isScratch || !floating(ref)) return;
  report({
    file: setting.file,
    range: setting.range,
    messageId: 'floatingBasePulled',
    data: { setting: setting === policy ? 'pull_policy: always' : 'build.pull: true', service: service.name, base: root.image.text },
    related: [built.related(root.image.range, `Floating base image ${root.image.text}`)],
  });
}

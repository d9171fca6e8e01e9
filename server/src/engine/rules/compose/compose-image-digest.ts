import { defineRule } from '../../rule';

/**
 * An `image:` without a digest can change under the same name. No automatic fix: the digest
 * lives in the registry, which an offline engine cannot ask, and a placeholder (`@sha256:<digest>`)
 * would leave a file Compose rejects ("invalid reference format").
 */
export default defineRule({
  meta: {
    id: 'compose-image-digest',
    kind: 'compose',
    title: 'Pin images to a digest',
    severity: 'low',
    category: 'supply-chain',
    messages: {
      noDigest:
        'Image {image} is not pinned to a digest: the tag can be moved to different content (a new build, a compromised registry account), so what runs can change without a change to this file. Append the digest: `docker buildx imagetools inspect {image}` prints it; write {image}@sha256:<digest> and let a bot such as Renovate update both.',
    },
    checklist: ['immutable-tags', 'supply-chain-integrity'],
    references: [],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    const seen = new Set<string>();
    for (const service of model.services) {
      // With build:, image: names what Compose builds; the build's FROM lines are what to pin.
      if (service.get('build')) continue;
      const pair = service.get('image');
      const image = service.image;
      if (!pair || image === undefined || image.trim() === '' || image.includes('@')) continue;
      const node = pair.value;
      const key = `${node.file}:${node.range.start.line}:${node.range.start.character}`;
      if (seen.has(key)) continue;
      seen.add(key);
      report({ file: node.file, range: node.range, messageId: 'noDigest', data: { image } });
    }
  },
});

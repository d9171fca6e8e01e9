/**
 * The version tag a Dockerfile already gives an image elsewhere, for the offline "pin the
 * tag" fixes of from-latest and from-untagged: Bulkhead has no registry, so the only
 * version it can honestly propose is one the author already chose for the same image.
 */
import type { DockerfileModel, Stage } from './dockerfile';
import { isWellFormed, type ImageRef } from './image';

/**
 * The single version tag (not `latest`) that the other stages' literal `FROM` lines use for
 * the same registry and repository as `image`; undefined when there is none or when they
 * disagree (then no tag is more right than another).
 */
export function tagUsedElsewhere(model: DockerfileModel, image: ImageRef, except: Stage): string | undefined {
  const tags = new Set<string>();
  for (const stage of model.stages) {
    const ref = stage.image.ref;
    // Stage references and ARG-built references say nothing literal about a version.
    if (stage === except || stage.baseStage || stage.image.usesArgs || !ref || !isWellFormed(ref)) continue;
    if (ref.registry !== image.registry || ref.repository !== image.repository) continue;
    if (ref.tag === undefined || ref.tag === 'latest') continue;
    tags.add(ref.tag);
  }
  return tags.size === 1 ? [...tags][0] : undefined;
}

/**
 * The single digest that the other stages' literal `FROM` lines pin the same image and tag
 * (no tag matches no tag) to; undefined when there is none or when they disagree.
 */
export function digestUsedElsewhere(model: DockerfileModel, image: ImageRef, except: Stage): string | undefined {
  const digests = new Set<string>();
  for (const stage of model.stages) {
    const ref = stage.image.ref;
    if (stage === except || stage.baseStage || stage.image.usesArgs || !ref || !isWellFormed(ref) || ref.digest === undefined) continue;
    if (ref.registry !== image.registry || ref.repository !== image.repository || ref.tag !== image.tag) continue;
    digests.add(ref.digest);
  }
  return digests.size === 1 ? [...digests][0] : undefined;
}

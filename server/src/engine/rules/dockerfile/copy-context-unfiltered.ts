import { defineRule } from '../../rule';
import { buildContext, ignorePatterns, isIgnored } from '../../model/build-context';
import type { Stage } from '../../model/dockerfile';

interface Options {
  /** Context-relative paths the .dockerignore must exclude when the whole context is copied. */
  readonly mustExclude: readonly string[];
}

/** Sources that copy the whole build context: `.`, `./`, `*`, `./*`. */
const WHOLE = /^(?:\.\/?|\.?\/?\*)$/;

/** `COPY . .` with no .dockerignore (or one that lets .git/.env through): everything in the directory lands in the image. */
export default defineRule({
  meta: {
    id: 'copy-context-unfiltered',
    kind: 'dockerfile',
    title: 'Filter the build context with a .dockerignore when copying all of it',
    severity: 'medium',
    category: 'secrets',
    messages: {
      noIgnore:
        '{keyword} copies the whole build context, and there is no .dockerignore beside this Dockerfile: .git (history, tokens in remotes), .env files, keys and local build output all go into the image. Add a .dockerignore that excludes them (or copy only what the image needs).',
      notExcluded: '{keyword} copies the whole build context, and {ignore} does not exclude {paths}: they go into the image. Add them to {ignore}.',
    },
    checklist: ['no-secrets-in-image', 'minimal-attack-surface'],
    references: [
      { tool: 'buildkit', id: 'CopyIgnoredFile', match: 'inspired' },
      { tool: 'dockle', id: 'DKL-LI-0003', match: 'partial' },
    ],
  },
  defaultOptions: { mustExclude: ['.git', '.env'] } as Options,
  check({ model, options, report }) {
    // Only stages whose layers ship: the final stage and the stages it is built FROM. Builder
    // stages hand over selected files; ONBUILD triggers copy the child's context, not this one.
    const shipped = new Set<Stage>();
    for (let s = model.finalStage; s; s = s.baseStage) shipped.add(s);
    const copies = model.instructions.filter(
      (i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && !i.onbuild && i.stage && shipped.has(i.stage) && !i.flags.some((f) => f.name === 'from'),
    );
    const sources = copies.flatMap((ins) =>
      (ins.jsonForm ? ins.jsonArgs : ins.args)
        .slice(0, -1)
        .filter((a) => WHOLE.test(a.value))
        .map((token) => ({ ins, token })),
    );
    if (sources.length === 0) return;
    // Without the host's reader the context is unknown: no finding rather than a guess.
    const context = buildContext(model);
    if (!context) return;
    const ignore = context.ignoreFile;
    const patterns = ignore ? ignorePatterns(ignore.text) : [];
    const missing = options.mustExclude.filter((p) => !isIgnored(patterns, p.replace(/^\.\//, '')));
    if (ignore && missing.length === 0) return;
    const name = ignore ? ignore.path.slice(Math.max(ignore.path.lastIndexOf('/'), ignore.path.lastIndexOf('\\')) + 1) : '';
    for (const { ins, token } of sources) {
      if (!ignore) report({ range: token.range, messageId: 'noIgnore', data: { keyword: ins.keyword } });
      else report({ range: token.range, messageId: 'notExcluded', data: { keyword: ins.keyword, ignore: name, paths: missing.join(', ') } });
    }
  },
});

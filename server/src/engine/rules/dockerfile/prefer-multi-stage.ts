import { defineRule } from '../../rule';
import { packageCommand } from '../../model/packages';
import { appSourceCopy, buildStep, buildToolKind, toolsOnPurpose } from '../../model/toolchain';
import { multiStageEdits } from '../../fixes/multi-stage';

const OS_MANAGERS = new Set(['apt', 'apk', 'yum', 'zypper']);

/** A single-stage build compiles or installs a toolchain: compilers, SDKs and sources ship with the program. */
export default defineRule({
  meta: {
    id: 'prefer-multi-stage',
    kind: 'dockerfile',
    title: 'Build in a separate stage',
    severity: 'low',
    category: 'hygiene',
    messages: {
      singleStage:
        'This single-stage build runs "{step}", so the compiler or SDK, build dependencies and sources ship in the image; build in a first stage ("FROM … AS build") and COPY --from=build only the result onto a runtime image.',
      fix: 'Convert to a multi-stage build (review the runtime stage)',
    },
    // Unsafe: the runtime stage is a guess at what the program needs (artifacts, base image).
    fix: 'unsafe',
    checklist: ['multi-stage-build', 'minimal-attack-surface'],
    references: [{ tool: 'cis', id: '4.3', match: 'partial' }],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    const stage = model.stages.length === 1 ? model.stages[0] : undefined;
    if (!stage) return;
    const own = stage.instructions.filter((i) => !i.onbuild);
    // An application is built here: sources come from the context or the image has a command.
    // Images that build a language or SDK (and dev containers) copy no application and start nothing.
    const app = own.some((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT' || appSourceCopy(i, (t) => model.resolve(t, i) ?? t));
    if (!app) return;
    if (stage.image.ref && toolsOnPurpose(stage.image.ref)) return;
    for (const ins of own) {
      if (ins.keyword !== 'RUN') continue;
      const commands = model.shell(ins)?.commands ?? [];
      // Official-image pattern: build deps installed, used and purged in the same RUN leave no layer behind.
      if (commands.some((c) => packageCommand(c)?.action === 'remove')) continue;
      for (const command of commands) {
        const pc = packageCommand(command);
        const tool =
          pc && pc.action === 'install' && OS_MANAGERS.has(pc.manager)
            ? pc.packages.find((p) => ['compiler', 'headers'].includes(buildToolKind(p.name) ?? ''))
            : undefined;
        const step = buildStep(command) ?? (tool ? `${pc?.tool ?? ''} ${pc?.verb?.value ?? 'install'} ${tool.name}` : undefined);
        if (!step) continue;
        const from = stage.from;
        report({
          // The FROM instruction, first line only: the conversion inserts the runtime stage from here.
          range: { start: from.range.start, end: model.index.positionAt(model.index.lineEnd(from.range.start.line)) },
          messageId: 'singleStage',
          data: { step },
          // Computed only when a host asks (fix-all with --unsafe, the editor's quick fix or refactoring).
          fix: (edit) => multiStageEdits(model, edit),
        });
        return;
      }
    }
  },
});

import { defineRule } from '../../rule';
import { packageCommand } from '../../model/packages';
import { baseName, unwrap } from '../../model/shell';
import { appSourceCopy, buildToolKind, toolCommands, toolsOnPurpose } from '../../model/toolchain';
import type { Stage } from '../../model/dockerfile';
import { multiStageEcosystem, multiStageEdits } from '../../fixes/multi-stage';
import type { EditsFn } from '../../rule';

const OS_MANAGERS = new Set(['apt', 'apk', 'yum', 'zypper']);

/** Compilers, headers, git, download tools or netcat installed in the shipped image and left there. */
export default defineRule({
  meta: {
    id: 'final-stage-build-tools',
    kind: 'dockerfile',
    title: 'Do not leave build tools in the final image',
    severity: 'low',
    category: 'hygiene',
    messages: {
      compiler:
        '"{package}" (a compiler or build tool) is installed in the final image and not removed in the same RUN; it helps an attacker build exploits in place. Build in an earlier stage, or remove it in the RUN that installs it.',
      headers:
        '"{package}" (development headers) is installed in the final image and not removed in the same RUN; headers are only needed to compile. Build in an earlier stage and install the runtime library instead.',
      git: '"{package}" is installed in the final image and not removed in the same RUN; fetch sources in a build stage so the shipped image carries no version-control client.',
      download:
        '"{package}" is installed in the final image and not removed in the same RUN, and nothing the image runs uses it; download in a build stage, or remove it in the same RUN, so an intruder has no download tool.',
      netcat:
        '"{package}" (netcat) is installed in the final image and not removed in the same RUN; it is a ready-made tool for reverse shells and port scans. Remove it, or use a purpose-built wait/health tool.',
      fix: 'Convert to a multi-stage build, leaving the tools in the build stage (review the runtime stage)',
    },
    // Unsafe: the runtime stage is a guess at what the program needs (artifacts, base image).
    fix: 'unsafe',
    checklist: ['multi-stage-build', 'minimal-attack-surface'],
    references: [{ tool: 'cis', id: '4.3', match: 'same' }],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    const chain: Stage[] = [];
    for (let s = model.finalStage; s; s = s.baseStage) chain.push(s);
    const root = chain[chain.length - 1];
    if (!root || (root.image.ref && toolsOnPurpose(root.image.ref))) return;
    const own = chain.flatMap((s) => s.instructions.filter((i) => !i.onbuild));
    // Only images that ship an application (sources copied in and a command to start them):
    // SDK, language and tool images that install compilers or git for their users are left alone.
    const starts = own.some((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
    if (!starts || !own.some((i) => appSourceCopy(i, (t) => model.resolve(t, i) ?? t))) return;
    // Tools the image itself runs (CMD, ENTRYPOINT, HEALTHCHECK) are needed at run time.
    // A single-stage Go, Node, Python or Java build can be split so the tools stay in the build
    // stage; elsewhere the artifacts would be a guess, and removing the package is the user's call.
    const eco = model.stages.length === 1 ? multiStageEcosystem(model) : undefined;
    const fix: EditsFn | undefined = eco && eco !== 'generic' ? (edit) => multiStageEdits(model, edit) : undefined;
    const used = new Set<string>();
    for (const ins of own) {
      if (ins.keyword === 'HEALTHCHECK' || ((ins.keyword === 'CMD' || ins.keyword === 'ENTRYPOINT') && ins.jsonForm))
        for (const t of ins.jsonForm ? ins.jsonArgs : ins.args) used.add(t.value.slice(t.value.lastIndexOf('/') + 1));
      else if (ins.keyword === 'CMD' || ins.keyword === 'ENTRYPOINT') for (const c of model.shell(ins)?.commands ?? []) used.add(baseName(unwrap(c).name));
    }
    for (const ins of own) {
      if (ins.keyword !== 'RUN') continue;
      const pcs = (model.shell(ins)?.commands ?? []).map(packageCommand).filter((pc) => pc !== undefined && OS_MANAGERS.has(pc.manager));
      const removals = pcs.filter((pc) => pc!.action === 'remove');
      // `apt-get purge --auto-remove` / `apt-get autoremove` without names removes what apt-mark left automatic.
      if (removals.some((pc) => pc!.operands.length === 0)) continue;
      const removed = new Set(removals.flatMap((pc) => pc!.operands.map((w) => w.value.replace(/[=:].*$/, '').toLowerCase())));
      for (const pc of pcs) {
        if (pc!.action !== 'install') continue;
        const virtual = pc!.options.findIndex((o) => o.value === '--virtual' || o.value === '-t');
        if (virtual >= 0 && removed.has(pc!.options[virtual + 1]?.value.toLowerCase() ?? '')) continue;
        for (const p of pc!.packages) {
          const kind = buildToolKind(p.name);
          if (!kind || removed.has(p.name.toLowerCase()) || toolCommands(p.name).some((c) => used.has(c))) continue;
          report({ range: p.word.range, messageId: kind, data: { package: p.name }, ...(fix ? { fix } : {}) });
        }
      }
    }
  },
});

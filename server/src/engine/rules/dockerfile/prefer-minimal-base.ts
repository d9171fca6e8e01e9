import { defineRule } from '../../rule';
import { classifyImage, isWellFormed } from '../../model/image';
import { appSourceCopy } from '../../model/toolchain';
import type { Stage } from '../../model/dockerfile';

/** The shipped application runs on a full distro, language or SDK image although a smaller variant exists. */
export default defineRule({
  meta: {
    id: 'prefer-minimal-base',
    kind: 'dockerfile',
    title: 'Build the final stage on a minimal base image',
    severity: 'info',
    category: 'hygiene',
    messages: {
      full: 'The application image is based on "{image}", a full image; every package in it is attack surface and a source of CVE reports. Consider a smaller variant: {alternatives}.',
      toolchain: 'The application image is based on "{image}", a build toolchain (compiler, SDK or JDK); build in an earlier stage and ship on a runtime image: {alternatives}.',
    },
    checklist: ['minimal-base-image', 'minimal-attack-surface'],
    references: [{ tool: 'cis', id: '4.3', match: 'same' }],
  },
  defaultOptions: { allow: [] as string[] },
  check({ model, options, report }) {
    const final = model.finalStage;
    let root: Stage | undefined = final;
    while (root?.baseStage) root = root.baseStage;
    const ref = root?.image.ref;
    if (!final || !root || !ref || !isWellFormed(ref)) return;
    // Teams that standardise on a full image list its repository (`python`, `ghcr.io/acme/base`).
    const repo = ref.registry ? `${ref.registry}/${ref.repository}` : ref.repository;
    if (options.allow.includes(repo)) return;
    const info = classifyImage(ref);
    if (!info || (info.size !== 'full' && info.size !== 'toolchain') || info.alternatives.length === 0) return;
    // Only an application image: sources copied in and a command that starts them. Images that
    // build a language, SDK or dev container on purpose copy no application and are left alone.
    const chain: Stage[] = [];
    for (let s: Stage | undefined = final; s; s = s.baseStage) chain.push(s);
    const own = chain.flatMap((s) => s.instructions.filter((i) => !i.onbuild));
    const starts = own.some((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
    const copiesApp = own.some((i) => appSourceCopy(i, (t) => model.resolve(t, i) ?? t) !== undefined);
    if (!starts || !copiesApp) return;
    report({ range: root.image.range, messageId: info.size, data: { image: ref.raw, alternatives: info.alternatives.join(', ') } });
  },
});

import { defineRule } from '../../rule';
import { downloader, downloadsToStdout } from '../../model/commands';
import { downloadToFile, extractsStdin, fileUse, isCommitPinnedUrl, verifies } from '../../model/downloads';

/** A downloaded file run, extracted or installed with no checksum or signature check in the same RUN. */
export default defineRule({
  meta: {
    id: 'unverified-download',
    kind: 'dockerfile',
    title: 'Verify downloads before using them',
    severity: 'low',
    category: 'supply-chain',
    messages: {
      executed:
        '{file} is downloaded and then executed with no checksum or signature check in this RUN: whatever the server (or anyone on the path) sends runs in the build. Verify it first (echo "<sha256>  {file}" | sha256sum -c -, or gpg --verify).',
      extracted:
        '{file} is downloaded and then extracted with no checksum or signature check in this RUN: a tampered or replaced archive ends up in the image. Verify it first (sha256sum -c, gpg --verify, cosign verify-blob).',
      installed:
        '{file} is downloaded and then installed with no checksum or signature check in this RUN: a tampered package or binary ends up in the image. Verify it first (sha256sum -c, gpg --verify, cosign verify-blob).',
      piped:
        'This download is extracted straight from the network by `{extractor}`, so nothing can verify it: download to a file, check its checksum or signature, then extract it.',
    },
    checklist: ['supply-chain-integrity'],
    references: [{ tool: 'cis', id: '4.11', match: 'partial' }],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const ins of model.instructions) {
      if (ins.keyword !== 'RUN') continue;
      const cmds = model.shell(ins)?.commands ?? [];
      // A checksum or signature check anywhere in the RUN: the author verifies; which file is not second-guessed.
      if (cmds.some(verifies)) continue;
      cmds.forEach((cmd, i) => {
        const d = downloadToFile(cmd);
        const at = d?.url?.range ?? cmd.range;
        // Content addressed by a commit id in the URL cannot change under the same URL.
        if (d?.url && isCommitPinnedUrl(model.resolve(d.url.value, ins) ?? d.url.value)) return;
        if (d) {
          for (const later of cmds.slice(i + 1)) {
            const use = fileUse(later, d.file);
            if (use) {
              report({ range: at, messageId: use, data: { file: d.file } });
              return;
            }
          }
          return;
        }
        if (!downloadsToStdout(cmd)) return;
        const extractor = cmd.pipeline.commands.slice(cmd.pipelineIndex + 1).find(extractsStdin);
        const url = downloader(cmd)?.args.find((a) => /^[a-z]+:\/\//i.test(a.value));
        if (extractor?.name) report({ range: url?.range ?? cmd.range, messageId: 'piped', data: { extractor: extractor.name.value } });
      });
    }
  },
});

import { defineRule } from '../../rule';

const URL = /^(?:https?|ftp):\/\//i;
// BuildKit treats these as git sources (see its gitutil.ParseGitRef).
const GIT = /^(?:git@|git:\/\/|ssh:\/\/)|^(?:https?:\/\/)?[^?#]*\.git(?:[?#]|$)|^github\.com\//i;
const COMMIT = /^[0-9a-f]{40}$|^[0-9a-f]{64}$/i;

/** ADD of a URL or git repository without an integrity check: whatever the server returns goes into the image. */
export default defineRule({
  meta: {
    id: 'add-remote-unverified',
    kind: 'dockerfile',
    title: 'Verify remote ADD sources with --checksum',
    severity: 'medium',
    category: 'supply-chain',
    messages: {
      url: 'ADD downloads "{url}" without --checksum, so a compromised or changed server puts different content in the image; add `--checksum=sha256:<digest>` (BuildKit) or download and verify in RUN.',
      git: 'ADD clones "{url}" without a pinned commit, so the branch or tag can move; pin a full commit (`#<40-hex commit>`) or add `--checksum=<commit>`.',
    },
    checklist: ['supply-chain-integrity'],
    references: [
      { tool: 'trivy', id: 'DS-0005', match: 'partial' },
      { tool: 'checkov', id: 'CKV_DOCKER_4', match: 'partial' },
      { tool: 'kics', id: '4b410d24', match: 'partial' },
      { tool: 'semgrep', id: 'prefer-copy-over-add', match: 'partial' },
      { tool: 'cis', id: '4.9', match: 'inspired' },
      { tool: 'dockle', id: 'CIS-DI-0009', match: 'partial' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const ins of model.instructions) {
      if (ins.keyword !== 'ADD' || ins.heredocs.length > 0) continue;
      const checksum = ins.flags.some((f) => f.name === 'checksum' && (f.value ?? '') !== '');
      if (checksum) continue;
      const sources = ins.jsonForm ? ins.jsonArgs.slice(0, -1) : ins.args.slice(0, -1);
      for (const src of sources) {
        const resolved = model.resolve(src.value, ins);
        // Shell-form sources may be quoted; Docker removes the quotes.
        const value = (resolved ?? src.value).replace(/^(["'])(.*)\1$/, '$2');
        if (GIT.test(value)) {
          // A ref from an ARG without a default may well be a commit: not judged.
          if (resolved !== undefined && !pinnedCommit(value)) report({ range: src.range, messageId: 'git', data: { url: value } });
        } else if (URL.test(value)) {
          report({ range: src.range, messageId: 'url', data: { url: value } });
        }
      }
    }
  },
});

/** `repo.git#<commit>[:subdir]` or the query form `?ref=<commit>` / `?checksum=<commit>`. */
function pinnedCommit(source: string): boolean {
  const hash = source.indexOf('#');
  if (hash >= 0 && COMMIT.test(source.slice(hash + 1).split(':')[0] ?? '')) return true;
  const query = /\?([^#]*)/.exec(source)?.[1] ?? '';
  return query.split('&').some((p) => /^(?:ref|checksum)=/.test(p) && COMMIT.test(p.slice(p.indexOf('=') + 1)));
}

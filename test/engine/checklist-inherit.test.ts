// Issue #7: a Compose service built from a Dockerfile gets the image checklist items from
// that Dockerfile's analysis, with evidence pointing at the Dockerfile lines.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/engine/index';
import { evaluateChecklist } from '../../server/src/engine/checklist';

const FILES: Record<string, string> = {
  'api/Dockerfile': 'FROM node:22\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n',
};
const COMPOSE = 'services:\n  api:\n    build: ./api\n  web:\n    image: nginx:1.27\n';

function subjects() {
  const result = analyze(COMPOSE, { kind: 'compose', path: 'compose.yaml', files: { read: (p) => FILES[p] } });
  return evaluateChecklist({ files: [{ path: 'compose.yaml', result }] }).subjects;
}

describe('checklist: image items inherited from the built Dockerfile', () => {
  it('the built service takes minimal-base-image from its Dockerfile, with evidence in the Dockerfile', () => {
    const api = subjects().find((s) => s.service === 'api');
    const item = api?.items.find((i) => i.id === 'minimal-base-image');
    assert.equal(item?.status, 'fail');
    assert.match(item?.summary ?? '', /\(in api\/Dockerfile\)$/);
    assert.deepEqual(item?.findings, [], 'findings become evidence lines that open the Dockerfile');
    const first = item?.evidence[0];
    assert.equal(first?.path, 'api/Dockerfile');
    assert.equal(first?.range?.start.line, 0);
    assert.match(first?.text ?? '', /^prefer-minimal-base: /);
  });

  it('an image-only service still says the item is decided in a Dockerfile', () => {
    const web = subjects().find((s) => s.service === 'web');
    assert.equal(web?.items.find((i) => i.id === 'minimal-base-image')?.status, 'na');
  });

  it('without a reader the Dockerfile is unknown: not applicable, as before', () => {
    const result = analyze(COMPOSE, { kind: 'compose', path: 'compose.yaml' });
    const api = evaluateChecklist({ files: [{ path: 'compose.yaml', result }] }).subjects.find((s) => s.service === 'api');
    assert.equal(api?.items.find((i) => i.id === 'minimal-base-image')?.status, 'na');
  });
});

describe('checklist: inherited evidence paths follow the subject path', () => {
  it('a host that analyses under an absolute path and shows a relative one gets a relative Dockerfile path', () => {
    const result = analyze(COMPOSE, {
      kind: 'compose',
      path: '/work/repo/deploy/compose.yaml',
      files: { read: (p) => (p === '/work/repo/deploy/api/Dockerfile' ? FILES['api/Dockerfile'] : undefined) },
    });
    const api = evaluateChecklist({ files: [{ path: 'deploy/compose.yaml', result }] }).subjects.find((s) => s.service === 'api');
    assert.equal(api?.items.find((i) => i.id === 'minimal-base-image')?.evidence[0]?.path, 'deploy/api/Dockerfile');
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TextIndex } from '../../server/src/engine/text';
import { parseShell } from '../../server/src/engine/model/shell';
import {
  cacheLeftBy,
  cacheMounted,
  cachesCleanedBy,
  isFullUpgrade,
  packageCommand,
  skipsRecommends,
  sslVerifyOffSettings,
  tlsDisablingEnv,
  tlsRelaxed,
} from '../../server/src/engine/model/packages';

function cmd(text: string) {
  const c = parseShell(new TextIndex(text), [{ start: 0, end: text.length }], '\\').commands[0];
  assert.ok(c, `no command in ${text}`);
  return c;
}
/** `manager action name@version ...` for a one-line summary of what the model understood. */
function summary(text: string): string {
  const pc = packageCommand(cmd(text));
  if (!pc) return 'none';
  return [
    pc.manager,
    pc.action,
    ...(pc.global ? ['global'] : []),
    ...pc.packages.map((p) => (p.version === undefined ? p.name : `${p.name}@${p.version}${p.pinned ? '' : '(floating)'}`)),
  ].join(' ');
}

describe('package commands', () => {
  const table: readonly [string, string][] = [
    ['apt-get install -y --no-install-recommends curl ca-certificates', 'apt install curl ca-certificates'],
    ['apt-get -o Dpkg::Options::=--force-confnew install -y nginx=1.24.0-1 libssl3=3.0.*', 'apt install nginx@1.24.0-1 libssl3@3.0.*'],
    ['apt-get install -y ./local.deb /tmp/x.deb tzdata/bookworm', 'apt install tzdata'],
    ['sudo DEBIAN_FRONTEND=noninteractive apt install -y git', 'apt install git'],
    ['xargs -rt apt-get install -y < deps.txt', 'apt install'],
    ['apt-get update', 'apt update'],
    ['apt-get dist-upgrade -y', 'apt upgrade'],
    ['apt-get purge -y --auto-remove wget', 'apt remove'],
    ['apt-get dist-clean', 'apt clean'],
    ['apk add --no-cache --virtual .build-deps gcc musl-dev=1.2.4-r2 "su-exec>=0.2" tini=~0.19', 'apk install gcc musl-dev@1.2.4-r2 su-exec@>=0.2 tini@~0.19'],
    ['apk del .build-deps', 'apk remove'],
    ['apk update', 'apk update'],
    ['yum install -y nginx-1.24.0 java-17-openjdk python3-pip gcc-c++ @development', 'yum install nginx@1.24.0 java-17-openjdk python3-pip gcc-c++'],
    ['dnf install -y httpd-2.4.57-5.el9 https://x.example/x.rpm', 'yum install httpd@2.4.57-5.el9'],
    ['microdnf --setopt=install_weak_deps=0 install -y shadow-utils', 'yum install shadow-utils'],
    ['tdnf makecache', 'yum update'],
    ['yum -y update', 'yum upgrade'],
    ['zypper -n in curl=8.0.1 vim', 'zypper install curl@8.0.1 vim'],
    ['zypper refresh', 'zypper update'],
    ['rpm -ivh /tmp/x.rpm', 'rpm install'],
    ['pip install --no-cache-dir flask==3.0.0 "requests>=2" "uvicorn[standard]" -r requirements.txt', 'pip install flask@3.0.0 requests@>=2 uvicorn[standard]'],
    ['python3 -m pip install --upgrade pip', 'pip install pip'],
    ['pip3 install -e . git+https://x.example/r.git ./dist/a.whl', 'pip install'],
    ['npm install -g npm@10.2.0 yarn @angular/cli@latest', 'npm install global npm@10.2.0 yarn @angular/cli@latest(floating)'],
    ['npm ci', 'npm install'],
    ['npm cache clean --force', 'npm clean'],
    ['yarn global add @vue/cli', 'yarn install global @vue/cli'],
    ['yarn', 'yarn install'],
    ['pnpm add -g pnpm@9.1.0', 'pnpm install global pnpm@9.1.0'],
    ['gem install bundler -v 2.5.6', 'gem install bundler@2.5.6'],
    ['gem install rails:7.1.0 thin', 'gem install rails@7.1.0 thin'],
    ['go install github.com/x/y/cmd/z@latest', 'go install github.com/x/y/cmd/z@latest(floating)'],
    ['go install golang.org/x/tools/gopls@v0.15.0 ./cmd/app', 'go install golang.org/x/tools/gopls@v0.15.0'],
    ['go install ./...', 'go install'],
    ['cargo install ripgrep --version 14.1.0', 'cargo install ripgrep@14.1.0'],
    ['cargo install --locked cargo-watch', 'cargo install cargo-watch'],
    ['cargo install --path .', 'cargo install'],
    ['helm install x ./chart', 'none'],
  ];
  for (const [text, expected] of table) it(text, () => assert.equal(summary(text), expected));
});

describe('package-manager facts', () => {
  it('recommends: flag and -o option', () => {
    assert.equal(skipsRecommends(packageCommand(cmd('apt-get install --no-install-recommends x'))!), true);
    assert.equal(skipsRecommends(packageCommand(cmd('apt-get -o APT::Install-Recommends=false install x'))!), true);
    assert.equal(skipsRecommends(packageCommand(cmd('apt-get install -y x'))!), false);
  });

  it('full upgrades, not upgrades of named packages', () => {
    assert.equal(isFullUpgrade(packageCommand(cmd('apt-get upgrade -y'))!), true);
    assert.equal(isFullUpgrade(packageCommand(cmd('apk upgrade --no-cache'))!), true);
    assert.equal(isFullUpgrade(packageCommand(cmd('dnf -y upgrade'))!), true);
    assert.equal(isFullUpgrade(packageCommand(cmd('zypper dup'))!), true);
    assert.equal(isFullUpgrade(packageCommand(cmd('apk upgrade --no-cache openssl'))!), false);
    assert.equal(isFullUpgrade(packageCommand(cmd('npm update'))!), false);
  });

  it('caches left and cleaned', () => {
    assert.equal(cacheLeftBy(packageCommand(cmd('apt-get update'))!), 'apt');
    assert.equal(cacheLeftBy(packageCommand(cmd('apt-get install -y x'))!), undefined);
    assert.equal(cacheLeftBy(packageCommand(cmd('apk add x'))!), 'apk');
    assert.equal(cacheLeftBy(packageCommand(cmd('apk add --no-cache x'))!), undefined);
    assert.equal(cacheLeftBy(packageCommand(cmd('apk add --no-network --virtual .rundeps $deps'))!), undefined);
    assert.equal(cacheLeftBy(packageCommand(cmd('dnf install -y x'))!), 'yum');
    assert.equal(cacheLeftBy(packageCommand(cmd('pip install x'))!), 'pip');
    assert.equal(cacheLeftBy(packageCommand(cmd('pip install --no-cache-dir x'))!), undefined);
    assert.deepEqual(cachesCleanedBy(cmd('rm -rf /var/lib/apt/lists/*')), ['apt']);
    assert.deepEqual(cachesCleanedBy(cmd('apt-get clean')), []);
    assert.deepEqual(cachesCleanedBy(cmd('apt-get dist-clean')), ['apt']);
    assert.deepEqual(cachesCleanedBy(cmd('rm -rf /var/cache/apk/* /root/.cache/pip')), ['apk', 'pip']);
    assert.deepEqual(cachesCleanedBy(cmd('microdnf clean all')), ['yum']);
    assert.deepEqual(cachesCleanedBy(cmd('yarn cache clean')), ['yarn']);
  });

  it('cache mounts by target', () => {
    const flag = (value: string) => [
      { name: 'mount', value, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, valueRange: undefined },
    ];
    assert.equal(cacheMounted(flag('type=cache,target=/var/cache/apt,sharing=locked'), 'apt'), true);
    assert.equal(cacheMounted(flag('type=cache,target=/var/lib/apt'), 'apt'), true);
    assert.equal(cacheMounted(flag('type=cache,target=/root/.cache/pip'), 'pip'), true);
    assert.equal(cacheMounted(flag('type=bind,target=/var/cache/apt'), 'apt'), false);
    assert.equal(cacheMounted(flag('type=cache,target=/var/cache/apk'), 'apt'), false);
  });

  it('TLS and host trust relaxed by options and config commands', () => {
    const settings = (t: string) => tlsRelaxed(cmd(t)).map((h) => h.setting);
    assert.deepEqual(settings('pip install --trusted-host pypi.example x'), ['--trusted-host pypi.example']);
    assert.deepEqual(settings('python3 -m pip install --trusted-host=pypi.example x'), ['--trusted-host=pypi.example']);
    assert.deepEqual(settings('pip config set global.trusted-host pypi.example'), ['global.trusted-host pypi.example']);
    assert.deepEqual(settings('npm config set strict-ssl false'), ['strict-ssl false']);
    assert.deepEqual(settings('yarn config set strict-ssl false'), ['strict-ssl false']);
    assert.deepEqual(settings('npm install --strict-ssl=false'), ['--strict-ssl=false']);
    assert.deepEqual(settings('dnf install -y --setopt=sslverify=0 x'), ['--setopt=sslverify=0']);
    assert.deepEqual(settings('git -c http.sslVerify=false clone https://x.example/r.git'), ['http.sslVerify=false']);
    assert.deepEqual(settings('git config --global http.sslVerify false'), ['http.sslVerify false']);
    assert.deepEqual(settings('npm config set strict-ssl true'), []);
    assert.deepEqual(settings('git config --global http.sslVerify true'), []);
    assert.deepEqual(
      sslVerifyOffSettings('[x]\nsslverify=0\nsslverify_strict=0').map((s) => s.setting),
      ['sslverify=0'],
    );
  });

  it('environment variables that disable TLS', () => {
    assert.equal(tlsDisablingEnv('NODE_TLS_REJECT_UNAUTHORIZED', '0'), 'Node.js');
    assert.equal(tlsDisablingEnv('NODE_TLS_REJECT_UNAUTHORIZED', '1'), undefined);
    assert.equal(tlsDisablingEnv('GIT_SSL_NO_VERIFY', 'true'), 'git');
    assert.equal(tlsDisablingEnv('GIT_SSL_NO_VERIFY', ''), undefined);
    assert.equal(tlsDisablingEnv('npm_config_strict_ssl', 'false'), 'npm/yarn');
    assert.equal(tlsDisablingEnv('PIP_TRUSTED_HOST', 'pypi.example'), 'pip');
    assert.equal(tlsDisablingEnv('CURL_CA_BUNDLE', ''), 'Python requests');
    assert.equal(tlsDisablingEnv('CURL_CA_BUNDLE', '/etc/ssl/certs/ca.pem'), undefined);
  });
});

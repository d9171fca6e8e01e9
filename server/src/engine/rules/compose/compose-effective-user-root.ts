import { defineRule } from '../../rule';
import { builtDockerfile, builtUser, imageUser, setServiceKey, stageChain, text, type BuiltDockerfile } from '../../model/compose';
import { isRootUser } from '../../model/image';
import { accountCommand, knownUids } from '../../model/users';

/**
 * X01: the user a service really runs as, from the Compose `user:` and the Dockerfile its
 * `build:` leads to (or a well-known image's default): `user: root` over a non-root image, and
 * no `user:` while the built image's runtime stage runs as root.
 */
export default defineRule({
  meta: {
    id: 'compose-effective-user-root',
    kind: 'compose',
    title: 'Do not run services as root, in Compose or in the image they are built from',
    severity: 'high',
    category: 'privilege',
    messages: {
      overridesNonRoot:
        'user: {user} makes "{service}" run as root although its image runs as the non-root user {imageUser}: the hardening in the image is undone. Remove user:, or set a non-root UID:GID.',
      builtAsRoot:
        'Service "{service}" has no user: and the image its build: produces runs as root ({why}): a compromise of the process is root in the container. Add USER with a non-root UID to the Dockerfile, or set user: in Compose.',
      fix: 'Set user: "{fixUser}" (the non-root user the Dockerfile declares)',
    },
    // Unsafe: an entrypoint that starts as root and drops privileges itself (gosu, su-exec) or
    // writes root-owned paths stops working, so the user must choose it.
    fix: 'unsafe',
    checklist: ['non-root-user'],
    references: [{ tool: 'cis', id: '4.1', match: 'inspired' }],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const service of model.services) {
      const userPair = service.get('user');
      const built = builtDockerfile(model, service);
      if (userPair) {
        const user = text(userPair.value);
        if (user === undefined || !isRootUser(user)) continue;
        const image = built ? builtUser(built) : imageUser(service.image);
        if (!image || image.root !== false) continue;
        report({
          file: userPair.file,
          range: userPair.range,
          messageId: 'overridesNonRoot',
          data: { user, service: service.name, imageUser: image.user },
          related: image.related,
        });
        continue;
      }
      if (!built) continue;
      const image = builtUser(built);
      if (!image || image.root !== true) continue;
      const named = nonRootUser(built);
      const def = service.definitionIn(service.key.file);
      report({
        ...service.key,
        messageId: 'builtAsRoot',
        data: { service: service.name, why: image.why, ...(named ? { fixUser: named } : {}) },
        related: image.related,
        ...(named && def ? { fix: () => [setServiceKey(model, def, ['user'], `"${named}"`)].filter((e) => e !== undefined) } : {}),
      });
    }
  },
});

/**
 * A non-root user the Dockerfile declares and the fix can name: an earlier non-root numeric
 * `USER uid[:gid]` of the runtime stage chain, else the one user created there with an
 * explicit UID (`useradd -u`), with its group's GID when `groupadd -g` names the same group.
 * A user created in the image has a passwd entry, so a bare UID gets its primary group.
 */
function nonRootUser(built: BuiltDockerfile): string | undefined {
  const chain = new Set(stageChain(built.stage));
  for (const s of chain) {
    for (const ins of [...s.instructions].reverse()) {
      if (ins.keyword !== 'USER' || ins.onbuild) continue;
      const v = ins.args[0] ? built.model.resolve(ins.args[0].value, ins) : undefined;
      if (v !== undefined && /^\d+(?::\d+)?$/.test(v) && !isRootUser(v) && !/:0+$/.test(v)) return v;
    }
  }
  const commands = built.model
    .commands()
    .filter((c) => c.instruction.stage && chain.has(c.instruction.stage) && !c.instruction.onbuild)
    .map((c) => c.command);
  const uids = knownUids(commands);
  if (uids.size !== 1) return undefined;
  const [name, uid] = [...uids][0] as [string, string];
  if (/^0+$/.test(uid)) return undefined;
  const gids = commands
    .map(accountCommand)
    .filter((a) => a && (a.tool === 'groupadd' || a.tool === 'addgroup') && a.name?.value === name && a.id && /^\d+$/.test(a.id.value));
  const gid = gids.length === 1 ? gids[0]?.id?.value : undefined;
  return gid !== undefined && !/^0+$/.test(gid) ? `${uid}:${gid}` : uid;
}

import { defineRule } from '../../rule';
import { serviceImageUser } from '../../model/compose';

/** `user: root` or `user: 0` runs the service as root whatever the image's USER says. */
export default defineRule({
  meta: {
    id: 'compose-user-root',
    kind: 'compose',
    title: 'Do not run services as root',
    severity: 'high',
    category: 'privilege',
    messages: {
      root: 'user: {value} runs the service as root (UID 0), overriding the image\'s USER: any code execution in it is root in the container, one kernel bug or misconfiguration away from root on the host, and can rewrite the application. Run it as a non-root UID (e.g. user: "10001:10001") and give that UID the files it must write.',
    },
    // No fix here: the non-root UID depends on the image (compose-effective-user-root knows the Dockerfile).
    checklist: ['non-root-user'],
    references: [
      { tool: 'cis', id: '4.1', match: 'inspired' },
      { tool: 'cis', id: '5.24', match: 'inspired' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const service of model.services) {
      const pair = service.get('user');
      const value = service.string('user')?.trim();
      if (!pair || value === undefined) continue;
      // `user:group`: only the user part decides; `1000:0` (root group) is not root.
      const user = value.split(':')[0] as string;
      if (user !== 'root' && !/^0+$/.test(user)) continue;
      // Over an image known to run as non-root, compose-effective-user-root (X01) reports this
      // same line with the Dockerfile's USER as related information: one finding, not two.
      if (serviceImageUser(model, service)?.root === false) continue;
      report({ file: pair.file, range: pair.range, messageId: 'root', data: { value } });
    }
  },
});

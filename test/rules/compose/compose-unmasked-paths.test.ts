import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/compose/compose-unmasked-paths';

ruleTester.run(rule, {
  valid: [
    ['services:', '  web:', '    image: nginx:1.27'],
    {
      name: 'other security options',
      code: ['services:', '  web:', '    image: nginx:1.27', '    security_opt: [no-new-privileges=true, seccomp=./profile.json]'],
    },
    {
      name: 'colon spelling is not recognised by Compose (a start-up error, not an unmasking)',
      code: ['services:', '  web:', '    image: nginx:1.27', '    security_opt: ["systempaths:unconfined"]'],
    },
    { name: 'an unset variable is unknown', code: ['services:', '  web:', '    image: nginx:1.27', '    security_opt: ["systempaths=${PATHS}"]'] },
  ],
  invalid: [
    {
      code: [
        'services:',
        '  buildkitd:',
        '    image: moby/buildkit:v0.16.0-rootless',
        '    security_opt:',
        '      - seccomp=unconfined',
        '      - systempaths=unconfined',
      ],
      errors: [{ messageId: 'unmasked', line: 6, column: 9, endLine: 6, endColumn: 31 }],
    },
    {
      name: 'flow list, quoted',
      code: ['services:', '  sandbox:', '    image: example/sandbox:1', '    security_opt: ["systempaths=unconfined"]'],
      errors: [{ messageId: 'unmasked', line: 4, column: 20, endLine: 4, endColumn: 44 }],
    },
    {
      name: 'inherited through a merge key: reported in the anchor',
      code: [
        'x-sandbox: &sandbox',
        '  security_opt:',
        '    - systempaths=unconfined',
        'services:',
        '  runner:',
        '    <<: *sandbox',
        '    image: example/runner:1',
      ],
      errors: [{ messageId: 'unmasked', line: 3, column: 7, endLine: 3, endColumn: 29 }],
    },
    {
      name: 'interpolated default',
      code: ['services:', '  runner:', '    image: example/runner:1', '    security_opt: ["systempaths=${MASKS:-unconfined}"]'],
      errors: [{ messageId: 'unmasked', line: 4, column: 20, endLine: 4, endColumn: 54 }],
    },
  ],
});

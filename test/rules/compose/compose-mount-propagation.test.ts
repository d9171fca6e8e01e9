import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/compose/compose-mount-propagation';

ruleTester.run(rule, {
  valid: [
    ['services:', '  web:', '    image: nginx:1.27', '    volumes:', '      - ./html:/usr/share/nginx/html:ro'],
    {
      name: 'private propagation, both syntaxes',
      code: [
        'services:',
        '  app:',
        '    image: example/app:1',
        '    volumes:',
        '      - /srv/a:/a:rprivate',
        '      - type: bind',
        '        source: /srv/b',
        '        target: /b',
        '        bind:',
        '          propagation: private',
      ],
    },
    {
      name: 'an unset variable is unknown',
      code: [
        'services:',
        '  app:',
        '    image: example/app:1',
        '    volumes:',
        '      - type: bind',
        '        source: /srv/b',
        '        target: /b',
        '        bind:',
        '          propagation: ${PROPAGATION}',
      ],
    },
  ],
  invalid: [
    {
      code: ['services:', '  agent:', '    image: example/agent:1', '    volumes:', '      - /mnt:/mnt:rshared'],
      errors: [{ messageId: 'shared', data: { mode: 'rshared' }, line: 5, column: 9, endLine: 5, endColumn: 26 }],
    },
    {
      name: 'rslave among other options (node-exporter style)',
      code: ['services:', '  exporter:', '    image: prom/node-exporter:v1.8.2', '    volumes:', '      - /srv:/host/srv:ro,rslave'],
      errors: [{ messageId: 'slave', data: { mode: 'rslave' }, line: 5, column: 9, endLine: 5, endColumn: 33 }],
    },
    {
      name: 'long syntax: reported on the propagation pair',
      code: [
        'services:',
        '  csi:',
        '    image: example/csi:1',
        '    volumes:',
        '      - type: bind',
        '        source: /var/lib/plugins',
        '        target: /plugins',
        '        bind:',
        '          propagation: shared',
      ],
      errors: [{ messageId: 'shared', data: { mode: 'shared' }, line: 9, column: 11, endLine: 9, endColumn: 30 }],
    },
    {
      name: 'interpolation default',
      code: ['services:', '  agent:', '    image: example/agent:1', '    volumes:', '      - /mnt:/mnt:${MODE:-slave}'],
      errors: [{ messageId: 'slave', data: { mode: 'slave' }, line: 5, column: 9, endLine: 5, endColumn: 33 }],
    },
    {
      name: 'set in the override file',
      path: 'compose.override.yaml',
      code: ['services:', '  agent:', '    volumes:', '      - /mnt:/mnt:shared'],
      files: { 'compose.yaml': ['services:', '  agent:', '    image: example/agent:1'] },
      errors: [{ messageId: 'shared', data: { mode: 'shared' }, line: 4, column: 9, endLine: 4, endColumn: 25 }],
    },
  ],
});

import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/compose/compose-dangerous-cap';

ruleTester.run(rule, {
  valid: [
    ['services:', '  web:', '    image: nginx:1.27', '    cap_drop: [ALL]', '    cap_add: [NET_BIND_SERVICE, CHOWN, SETUID, SETGID]'],
    { name: 'dropping a dangerous capability is fine', code: ['services:', '  web:', '    image: nginx:1.27', '    cap_drop: [SYS_ADMIN, NET_ADMIN]'] },
    {
      name: 'capabilities with no path out of the container',
      code: ['services:', '  db:', '    image: example/db:1', '    cap_add: [IPC_LOCK, SYS_RESOURCE, LINUX_IMMUTABLE, SYS_NICE]'],
    },
    { name: 'an unset variable is unknown', code: ['services:', '  web:', '    image: nginx:1.27', '    cap_add: ["${EXTRA_CAP}"]'] },
    {
      name: 'a variable supplied as a harmless capability',
      code: ['services:', '  web:', '    image: nginx:1.27', '    cap_add: ["${EXTRA_CAP}"]'],
      env: { EXTRA_CAP: 'NET_BIND_SERVICE' },
    },
    { name: 'a capability named in a label', code: ['services:', '  web:', '    image: nginx:1.27', '    labels:', '      cap: SYS_ADMIN'] },
    {
      name: 'the base file cap_add is reported in the base file, not in the override',
      path: 'compose.override.yaml',
      code: ['services:', '  vpn:', '    environment:', '      TZ: UTC'],
      files: { 'compose.yaml': ['services:', '  vpn:', '    image: qmcgaw/gluetun:v3', '    cap_add: [NET_ADMIN]'] },
    },
  ],
  invalid: [
    {
      name: 'block list, one finding per dangerous entry',
      code: ['services:', '  vpn:', '    image: qmcgaw/gluetun:v3', '    cap_add:', '      - NET_ADMIN', '      - NET_BIND_SERVICE', '      - SYS_MODULE'],
      errors: [
        {
          messageId: 'dangerous',
          data: {
            cap: 'NET_ADMIN',
            why: "reach the kernel's netfilter (nf_tables) code, the entry point of many recent kernel exploits, and reconfigure interfaces, routes and firewall rules of its network namespace (the host's with network_mode: host)",
          },
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 18,
        },
        { messageId: 'dangerous', data: { cap: 'SYS_MODULE', why: 'load kernel modules into the host kernel' }, line: 7, column: 9, endLine: 7, endColumn: 19 },
      ],
    },
    {
      name: 'ALL, flow list',
      code: ['services:', '  tools:', '    image: example/tools:1', '    cap_add: [ALL]'],
      errors: [{ messageId: 'all', line: 4, column: 15, endLine: 4, endColumn: 18 }],
    },
    {
      name: 'CAP_ prefix and lower case',
      code: ['services:', '  fuse:', '    image: example/fuse:1', '    cap_add: ["cap_sys_admin"]'],
      errors: [
        {
          messageId: 'dangerous',
          data: { cap: 'SYS_ADMIN', why: 'mount filesystems, use bpf, create namespaces and much more: most of root on the host' },
          line: 4,
          column: 15,
          endLine: 4,
          endColumn: 30,
        },
      ],
    },
    {
      name: 'inherited through a merge key: reported once, in the anchor',
      code: [
        'x-debug: &debug',
        '  cap_add: [SYS_PTRACE]',
        'services:',
        '  a:',
        '    <<: *debug',
        '    image: example/a:1',
        '  b:',
        '    <<: *debug',
        '    image: example/b:1',
      ],
      errors: [
        {
          messageId: 'dangerous',
          data: { cap: 'SYS_PTRACE', why: 'trace and read the memory of other processes (all host processes with pid: host)' },
          line: 2,
          column: 13,
          endLine: 2,
          endColumn: 23,
        },
      ],
    },
    {
      name: 'interpolated default',
      code: ['services:', '  web:', '    image: nginx:1.27', '    cap_add: ["${EXTRA_CAP:-DAC_READ_SEARCH}"]'],
      errors: [
        {
          messageId: 'dangerous',
          data: { cap: 'DAC_READ_SEARCH', why: 'open any host file by handle (open_by_handle_at, the "shocker" escape)' },
          line: 4,
          column: 15,
          endLine: 4,
          endColumn: 46,
        },
      ],
    },
    {
      name: 'added by the override file: reported there',
      path: 'compose.override.yaml',
      code: ['services:', '  web:', '    cap_add:', '      - SYS_TIME'],
      files: { 'compose.yaml': ['services:', '  web:', '    image: nginx:1.27', '    cap_add: [CHOWN]'] },
      errors: [
        {
          messageId: 'dangerous',
          data: { cap: 'SYS_TIME', why: 'set the host clock (the clock is not namespaced)' },
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 17,
        },
      ],
    },
  ],
});

import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/compose/compose-unsafe-sysctl';

ruleTester.run(rule, {
  valid: [
    ['services:', '  redis:', '    image: redis:7.4', '    sysctls:', '      net.core.somaxconn: 1024'],
    {
      name: 'namespaced network and IPC sysctls, list form',
      code: [
        'services:',
        '  db:',
        '    image: postgres:16',
        '    sysctls:',
        '      - net.ipv4.tcp_keepalive_time=600',
        '      - kernel.shmmax=1073741824',
        '      - fs.mqueue.msg_max=100',
        '      - net.ipv4.ip_unprivileged_port_start=0',
      ],
    },
    {
      name: 'forwarding turned off',
      code: ['services:', '  web:', '    image: nginx:1.27', '    sysctls:', '      net.ipv4.ip_forward: 0', '      net.ipv6.conf.all.forwarding: "0"'],
    },
    {
      name: 'an unset variable as the value is unknown',
      code: ['services:', '  vpn:', '    image: example/vpn:1', '    sysctls:', '      net.ipv4.ip_forward: ${FORWARD}'],
    },
    {
      name: 'kernel.hostname with a private UTS namespace',
      code: ['services:', '  web:', '    image: nginx:1.27', '    sysctls:', '      kernel.domainname: example.internal'],
    },
    { name: 'a sysctl-looking label', code: ['services:', '  web:', '    image: nginx:1.27', '    labels:', '      vm.overcommit_memory: "1"'] },
  ],
  invalid: [
    {
      name: 'host-wide vm.* and kernel.* keys, map form',
      code: [
        'services:',
        '  redis:',
        '    image: redis:7.4',
        '    sysctls:',
        '      vm.overcommit_memory: 1',
        '      kernel.core_pattern: "|/tmp/x"',
        '      net.core.somaxconn: 1024',
      ],
      errors: [
        { messageId: 'hostWide', data: { name: 'vm.overcommit_memory' }, line: 5, column: 7, endLine: 5, endColumn: 30 },
        { messageId: 'hostWide', data: { name: 'kernel.core_pattern' }, line: 6, column: 7, endLine: 6, endColumn: 37 },
      ],
    },
    {
      name: 'ip_forward, list form',
      code: ['services:', '  vpn:', '    image: example/vpn:1', '    sysctls:', '      - net.ipv4.ip_forward=1', '      - net.ipv4.conf.all.src_valid_mark=1'],
      errors: [{ messageId: 'routing', data: { name: 'net.ipv4.ip_forward', value: '1' }, line: 5, column: 9, endLine: 5, endColumn: 30 }],
    },
    {
      name: 'IPv6 forwarding and route_localnet, flow list',
      code: ['services:', '  gw:', '    image: example/gw:1', '    sysctls: [net.ipv6.conf.all.forwarding=1, net.ipv4.conf.eth0.route_localnet=1]'],
      errors: [
        { messageId: 'routing', data: { name: 'net.ipv6.conf.all.forwarding', value: '1' }, line: 4, column: 15, endLine: 4, endColumn: 45 },
        { messageId: 'routing', data: { name: 'net.ipv4.conf.eth0.route_localnet', value: '1' }, line: 4, column: 47, endLine: 4, endColumn: 82 },
      ],
    },
    {
      name: 'network sysctl with the host network namespace',
      code: ['services:', '  lb:', '    image: haproxy:3.0', '    network_mode: host', '    sysctls:', '      net.ipv4.ip_nonlocal_bind: 1'],
      errors: [
        {
          messageId: 'hostNamespace',
          data: { name: 'net.ipv4.ip_nonlocal_bind', ns: 'network', key: 'network_mode' },
          line: 6,
          column: 7,
          endLine: 6,
          endColumn: 35,
        },
      ],
    },
    {
      name: 'IPC sysctl with the host IPC namespace',
      code: ['services:', '  db:', '    image: example/db:1', '    ipc: host', '    sysctls:', '      kernel.shmmax: 68719476736'],
      errors: [{ messageId: 'hostNamespace', data: { name: 'kernel.shmmax', ns: 'IPC', key: 'ipc' }, line: 6, column: 7, endLine: 6, endColumn: 33 }],
    },
    {
      name: 'slash-separated key',
      code: ['services:', '  gw:', '    image: example/gw:1', '    sysctls:', '      net/ipv4/ip_forward: "1"'],
      errors: [{ messageId: 'routing', data: { name: 'net.ipv4.ip_forward', value: '1' }, line: 5, column: 7, endLine: 5, endColumn: 31 }],
    },
    {
      name: 'inherited through a merge key: reported in the anchor',
      code: ['x-router: &router', '  sysctls:', '    net.ipv4.ip_forward: 1', 'services:', '  a:', '    <<: *router', '    image: example/a:1'],
      errors: [{ messageId: 'routing', data: { name: 'net.ipv4.ip_forward', value: '1' }, line: 3, column: 5, endLine: 3, endColumn: 27 }],
    },
    {
      name: 'interpolated default',
      code: ['services:', '  vpn:', '    image: example/vpn:1', '    sysctls:', '      net.ipv4.ip_forward: ${FORWARD:-1}'],
      errors: [{ messageId: 'routing', data: { name: 'net.ipv4.ip_forward', value: '1' }, line: 5, column: 7, endLine: 5, endColumn: 41 }],
    },
    {
      name: 'added by the override file: reported there',
      path: 'compose.override.yaml',
      code: ['services:', '  redis:', '    sysctls:', '      - vm.swappiness=1'],
      files: { 'compose.yaml': ['services:', '  redis:', '    image: redis:7.4', '    sysctls:', '      - net.core.somaxconn=1024'] },
      errors: [{ messageId: 'hostWide', data: { name: 'vm.swappiness' }, line: 4, column: 9, endLine: 4, endColumn: 24 }],
    },
  ],
});

import { defineRule } from '../../rule';
import { items, text } from '../../model/compose';

/** A host device node in the container is a direct line to a kernel driver, outside the container's isolation. */
export default defineRule({
  meta: {
    id: 'compose-host-device',
    kind: 'compose',
    title: 'Do not pass host devices into containers',
    severity: 'high',
    category: 'privilege',
    messages: {
      device:
        'The host device {device} is passed into the container: its driver\'s whole interface (and any bug in it) is reachable from the container, and disks or memory devices give raw access to host data. Remove it unless the service needs this hardware; then pass only that device, with the least permissions (e.g. ":r").',
      cgroupRule:
        'device_cgroup_rules "{rule}" lets the container use host devices it creates or that appear later: allow only the specific major:minor numbers the service needs, with the least permissions.',
    },
    checklist: ['least-privilege'],
    references: [{ tool: 'cis', id: '5.18', match: 'same' }],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const service of model.services) {
      for (const d of service.devices()) {
        if (d.host === undefined) continue;
        const at = d.node.kind === 'map' ? (d.node.get('source') ?? d.node) : d.node;
        report({ file: at.file, range: at.range, messageId: 'device', data: { device: d.host } });
      }
      for (const n of items(service.get('device_cgroup_rules')?.value)) {
        const rule = text(n);
        if (rule === undefined) continue;
        report({ file: n.file, range: n.range, messageId: 'cgroupRule', data: { rule } });
      }
    }
  },
});

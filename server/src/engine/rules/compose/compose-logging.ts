import { defineRule } from '../../rule';
import { replaceScalar, scalarQuote, setServiceKeys, text, type CMap } from '../../model/compose';

/** `driver: none` leaves nothing to investigate; json-file without rotation fills the disk. */
export default defineRule({
  meta: {
    id: 'compose-logging',
    kind: 'compose',
    title: 'Keep logs, and rotate them',
    severity: 'low',
    category: 'reliability',
    messages: {
      none: 'Logging driver "none" discards this service\'s logs: after an incident there is nothing to investigate. Use the local driver (rotated by default) or ship the logs.',
      unrotated:
        "The json-file logging driver without max-size keeps every log line forever: a chatty or attacked service fills the host's disk. Set options max-size and max-file (or use the local driver).",
      fix: 'Rotate the logs (check the retention: older lines are deleted)',
    },
    // Unsafe: the fix changes how many logs are kept (rotation deletes old lines; `local`
    // stores logs where `docker logs` reads them but a log shipper reading json files won't).
    fix: 'unsafe',
    checklist: ['logging-rotation'],
    references: [],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const service of model.services) {
      const logging = service.logging();
      if (logging) {
        const map = logging.pair.value.kind === 'map' ? (logging.pair.value as CMap) : undefined;
        const driverPair = map?.get('driver');
        const driver = logging.driver?.trim().toLowerCase();
        if (!driverPair || driver === undefined) continue;
        if (driver === 'none') {
          const v = driverPair.value;
          report({
            file: driverPair.file,
            range: driverPair.range,
            messageId: 'none',
            fix: () => [replaceScalar(model, v, `${scalarQuote(model, v)}local${scalarQuote(model, v)}`)].filter((e) => e !== undefined),
          });
        } else if (driver === 'json-file' && !logging.options.some((o) => o.name === 'max-size')) {
          const present = new Set(logging.options.map((o) => o.name));
          const entries = (
            [
              ['max-size', '"10m"'],
              ['max-file', '"3"'],
            ] as const
          ).filter(([k]) => !present.has(k));
          report({
            file: driverPair.file,
            range: driverPair.range,
            messageId: 'unrotated',
            fix: () => (map ? [setServiceKeys(model, { map, keyRange: logging.pair.keyRange }, ['options'], entries)].filter((e) => e !== undefined) : []),
          });
        }
        continue;
      }
      // Legacy version 2 keys: reported without a fix (log_opt is a separate key).
      const legacy = service.get('log_driver');
      const legacyDriver = text(legacy?.value)?.trim().toLowerCase();
      if (!legacy || legacyDriver === undefined) continue;
      const opt = service.get('log_opt')?.value;
      if (legacyDriver === 'none') report({ file: legacy.file, range: legacy.range, messageId: 'none' });
      else if (legacyDriver === 'json-file' && !(opt?.kind === 'map' && opt.get('max-size')))
        report({ file: legacy.file, range: legacy.range, messageId: 'unrotated' });
    }
  },
});

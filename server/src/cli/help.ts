/** Help texts for `bulkhead --help`, `bulkhead help <command>` and `<command> --help`. */
import { VERSION } from './version';

export const MAIN_HELP = `bulkhead ${VERSION}: finds container-hardening mistakes in Dockerfiles and Compose files

Usage:
  bulkhead scan [paths...] [options]   analyse files (default path: .)
  bulkhead rules [--format text|json]  list the rules and their metadata
  bulkhead checklist [paths...]        the hardening checklist: pass, fail, needs a human
  bulkhead init                        write a commented starter .bulkhead.yaml here
  bulkhead help [scan|rules]           show help for a command
  bulkhead --version                   print the version

Run "bulkhead help scan" for the scan options and exit codes.
`;

export const SCAN_HELP = `Usage: bulkhead scan [paths...] [options]

Walks directories recursively and analyses Dockerfiles (Dockerfile, *.Dockerfile,
Dockerfile.*, Containerfile, Containerfile.*) and Compose files (compose.yaml,
compose.*.yaml, docker-compose.yml, docker-compose.*.yml; .yml or .yaml). Skips
node_modules and .git and honours .gitignore files. A file named explicitly is
analysed whatever its name: its kind comes from the name, else from the content.

Options:
  -f, --format <text|json|sarif|github>
                              output format (default: text); sarif: SARIF 2.1.0
                              for code scanning; github: workflow annotations
      --fail-on <severity>    exit 1 when a finding is at or above this severity:
                              critical, high, medium, low, info, none (default: high)
  -q, --quiet                 show only findings at or above --fail-on
      --fix                   apply safe fixes in place, then report what remains
      --unsafe                with --fix, also apply unsafe fixes (review the diff)
      --kind <dockerfile|compose>
                              treat named files as this kind; when walking
                              directories, pick only files of this kind
      --rule <id>=<severity|off>
                              override a rule's severity (repeatable)
      --docs-url <url>        base URL of the rule pages, for SARIF help links
                              (<url>/docs/rules/<id>.md)
      --config <file>         use this configuration file for every file
      --no-config             ignore .bulkhead.yaml/.yml/.json files
      --color, --no-color     force colors on or off (default: on for a terminal,
                              off when NO_COLOR is set)
  -h, --help                  show this help

Configuration: for each file, the nearest .bulkhead.yaml (.yml, .json) walking up
from its folder applies (rule severities and options, ignore patterns, extends,
noInlineSuppressions). An invalid one is reported and the defaults are used.

Exit codes:
  0  no finding at or above --fail-on
  1  at least one finding at or above --fail-on
  2  usage error (bad option, missing path, file of unknown kind, invalid
     configuration file) or internal error (unreadable file, a rule crashed:
     its findings would be missing)
`;

export const RULES_HELP = `Usage: bulkhead rules [--format text|json]

Lists every rule with its kind, default severity, category, fix safety,
references to equivalent checks in other tools, checklist items and docs page.
`;

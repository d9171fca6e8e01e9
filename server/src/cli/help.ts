/** Help texts for `bulkhead --help`, `bulkhead help <command>` and `<command> --help`. */
import { VERSION } from './version';

export const MAIN_HELP = `bulkhead ${VERSION}: finds container-hardening mistakes in Dockerfiles and Compose files

Usage:
  bulkhead scan [paths...] [options]   analyse files (default path: .)
  bulkhead fix [paths...] [options]    apply fixes in place (or --dry-run: print a diff)
  bulkhead rules [--format text|json]  list the rules and their metadata
  bulkhead checklist [paths...]        the hardening checklist: pass, fail, needs a human
  bulkhead init                        write a commented starter .bulkhead.yaml here
  bulkhead help [scan|fix|rules]       show help for a command
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
                              (the same as "bulkhead fix"; see "bulkhead help fix")
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
     configuration file) or internal error (unreadable file, a rule crashed or
     ran 2 s on one file without finishing and was stopped: its findings would
     be missing)
`;

export const RULES_HELP = `Usage: bulkhead rules [--format text|json]

Lists every rule with its kind, default severity, category, fix safety,
references to equivalent checks in other tools, checklist items and docs page.
`;

export const FIX_HELP = `Usage: bulkhead fix [paths...] [options]

Applies fixes in place, then reports what remains, like "bulkhead scan --fix".
Files are found as by "bulkhead scan". Each file is fixed in repeated passes over
fresh analysis (bounded, stopping on a cycle); its byte-order mark and line
endings are kept. Files that are not valid UTF-8 are left untouched.

Options:
      --rule <id>             apply only this rule's fixes (repeatable); a rule
                              without a fix is a usage error
      --unsafe                also apply unsafe fixes (they change behaviour:
                              review the diff); required for --rule <unsafe id>
      --dry-run               write nothing; print a unified diff of the fixes
                              on stdout (apply it with "git apply" or
                              "patch -p1") and a tally on stderr
  -f, --format <text|json|sarif|github>
                              report format after fixing (not with --dry-run)
      --fail-on <severity>    exit 1 when a finding at or above this severity
                              remains (default: high)
  -q, --quiet, --kind, --config, --no-config, --color, --no-color
                              as for "bulkhead scan"
  -h, --help                  show this help

Exit codes (as for "bulkhead scan", counted after the fixes; with --dry-run,
after the fixes that would be applied):
  0  no finding at or above --fail-on remains
  1  at least one finding at or above --fail-on remains
  2  usage error, unreadable or unwritable file, invalid configuration, or a
     rule crashed or was stopped (2 s on one file without finishing)
`;

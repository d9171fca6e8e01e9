/**
 * The long fuzz run (issue 8 item 2): `npm run fuzz [-- --runs N] [--seed S] [--path P]`.
 * Checks the property of test/fuzz/gen.ts over N inputs (default 1,000,000): generated Dockerfiles
 * and Compose files, the same mutated, the repo's examples mutated, and — when `--corpus <dir>` is
 * given — files of a corpus folder mutated. Prints the seed first, so any failure reproduces with
 * `--seed S --path P` (fast-check prints the path of the shrunk counterexample).
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { analyze, kindFromName, type FileKind } from '../../server/src/engine/index';
import { checkBom, checkInput, inputArb, mutate, mutationArb, newStats } from './gen';

const args = process.argv.slice(2);
// `node --test out/test/` loads every file under a `test` folder: only `npm run fuzz` (which
// passes --run) starts the long run.
if (!args.includes('--run')) {
  console.log('the long fuzz run: npm run fuzz [-- --runs N --seed S --path P --corpus DIR --max-files N --slowest FILE]');
} else main();

function main(): void {
  const opt = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const runs = Number(opt('--runs') ?? 1_000_000);
  const seed = Number(opt('--seed') ?? (Date.now() ^ (Math.random() * 0x7fffffff)) | 0);
  const path = opt('--path');
  const corpus = opt('--corpus');
  const maxFiles = Number(opt('--max-files') ?? 5000);
  // --slowest FILE: write the input of the slowest analysis there, to re-time it alone (a slow
  // analysis under a loaded machine is often the machine, not the input).
  const slowestOut = opt('--slowest');

  function files(dir: string, out: { text: string; kind: FileKind }[] = []): { text: string; kind: FileKind }[] {
    for (const name of readdirSync(dir)) {
      if (out.length >= maxFiles) break;
      const p = join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) files(p, out);
      else if (st.size < 512 * 1024) {
        const kind = kindFromName(name);
        if (kind) out.push({ text: readFileSync(p, 'utf8'), kind });
      }
    }
    return out;
  }

  const seeds = [...files(resolve(__dirname, '../../../examples')), ...(corpus ? files(resolve(corpus)) : [])];
  const seeded = fc
    .tuple(fc.constantFrom(...seeds), fc.array(mutationArb, { minLength: 1, maxLength: 8 }))
    .map(([s, ms]) => ({ text: mutate(s.text, ms), kind: s.kind }));
  const arb = fc.oneof({ arbitrary: inputArb, weight: 3 }, { arbitrary: seeded, weight: 1 });

  const stats = newStats();
  let slow = 0;
  const t0 = Date.now();
  let lastReport = t0;
  console.log(`bulkhead fuzz: seed ${seed}, ${runs.toLocaleString('en-US')} inputs, ${seeds.length} seed files${corpus ? ` (corpus ${corpus})` : ''}`);
  const details = fc.check(
    fc.property(arb, (input) => {
      const t = performance.now();
      // About one input in four (by length, so shrinking sees the same choice) is also analysed with a BOM in front.
      const problem = checkInput(input.text, input.kind, stats) ?? (input.text.length % 4 === 0 ? checkBom(input.text, input.kind) : undefined);
      if (performance.now() - t > 100) slow++;
      if (Date.now() - lastReport > 30_000) {
        lastReport = Date.now();
        console.log(`  … ${stats.inputs.toLocaleString('en-US')} inputs, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
      }
      if (problem) throw new Error(`${problem}\n--- input (${input.kind}) ---\n${JSON.stringify(input.text)}`);
    }),
    { numRuns: runs, seed, ...(path ? { path } : {}), endOnFailure: false },
  );
  const secs = (Date.now() - t0) / 1000;
  console.log(
    `inputs checked: ${stats.inputs.toLocaleString('en-US')} (incl. shrinking) · findings: ${stats.findings.toLocaleString('en-US')} · fixes applied and re-analysed: ${stats.fixesApplied.toLocaleString('en-US')} · ${secs.toFixed(0)} s · slowest analysis ${stats.maxMs.toFixed(1)} ms · analyses over 100 ms (incl. fix checks): ${slow}`,
  );
  if (stats.maxMsInput !== undefined) {
    // Re-timed alone (median of 5 after a warm-up): a machine stall shows as a fast re-time.
    const kind = stats.maxMsKind ?? 'dockerfile';
    const input = stats.maxMsInput;
    analyze(input, { kind });
    const times = [0, 1, 2, 3, 4].map(() => {
      const t = performance.now();
      analyze(input, { kind });
      return performance.now() - t;
    });
    const median = times.sort((a, b) => a - b)[2] ?? 0;
    console.log(
      `slowest analysis: ${kind}, ${input.length.toLocaleString('en-US')} chars, ${input.split('\n').length} lines; re-timed alone: ${median.toFixed(1)} ms (median of 5)`,
    );
    if (slowestOut) writeFileSync(slowestOut, stats.maxMsInput);
  }
  if (details.failed) {
    console.log(`FAILED after ${details.numRuns} runs: seed ${details.seed}, path "${details.counterexamplePath ?? ''}"`);
    console.log(String(details.errorInstance instanceof Error ? details.errorInstance.message : details.errorInstance));
    process.exitCode = 1;
  } else console.log(`passed: ${details.numRuns.toLocaleString('en-US')} runs, seed ${seed}`);
}

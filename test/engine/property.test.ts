/**
 * Property-based tests of the engine (issue 8 item 2), a quick run for `npm test`: generated and
 * mutated Dockerfiles and Compose files (test/fuzz/gen.ts) never make the engine throw, every
 * range lies inside the document, and every fix applies and removes a finding of its rule.
 * `npm run fuzz` runs the same property over a million inputs. A failure prints fast-check's
 * seed and path; replay it with `npm run fuzz -- --seed <seed> --path <path>`.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { kindFromName } from '../../server/src/engine/index';
import { checkInput, composeArb, dockerfileArb, inputArb, mutate, mutationArb } from '../fuzz/gen';

const ROOT = resolve(__dirname, '../../..');
const RUNS = Number(process.env['BULKHEAD_PROPERTY_RUNS'] ?? 300);
// A fixed seed keeps `npm test` deterministic (the long `npm run fuzz` draws a new one each run);
// BULKHEAD_PROPERTY_SEED replays another.
const SEED = Number(process.env['BULKHEAD_PROPERTY_SEED'] ?? 20261123);
const params = { numRuns: RUNS, seed: SEED };

function exampleFiles(dir: string): { text: string; kind: 'dockerfile' | 'compose' }[] {
  const out: { text: string; kind: 'dockerfile' | 'compose' }[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...exampleFiles(p));
    else {
      const kind = kindFromName(name);
      if (kind) out.push({ text: readFileSync(p, 'utf8'), kind });
    }
  }
  return out;
}

const holds = (input: { text: string; kind: 'dockerfile' | 'compose' }) => {
  const problem = checkInput(input.text, input.kind);
  assert.equal(problem, undefined, `${problem}\n--- input (${input.kind}) ---\n${JSON.stringify(input.text)}`);
};

describe('engine: properties over generated input', () => {
  it(`generated Dockerfiles (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(dockerfileArb, (text) => holds({ text, kind: 'dockerfile' })),
      params,
    );
  });

  it(`generated Compose files (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(composeArb, (text) => holds({ text, kind: 'compose' })),
      params,
    );
  });

  it(`mixed generated and mutated input (${RUNS} runs)`, () => {
    fc.assert(fc.property(inputArb, holds), params);
  });

  it(`the bundled examples mutated by byte, line and token edits (${RUNS} runs)`, () => {
    const seeds = exampleFiles(join(ROOT, 'examples'));
    assert.ok(seeds.length > 0, 'examples/ has Dockerfiles and Compose files');
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.array(mutationArb, { minLength: 1, maxLength: 8 }), (seed, ms) =>
        holds({ text: mutate(seed.text, ms), kind: seed.kind }),
      ),
      params,
    );
  });
});

/** The wire types in shared/src/protocol.ts stay assignable from the engine's checklist report (issue 7). */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { ChecklistReport as EngineReport } from '../../server/src/engine/checklist';
import type { ChecklistReport as WireReport } from '../../shared/src/protocol';

it('engine checklist report is assignable to the protocol type', () => {
  const toWire = (r: EngineReport): WireReport => r;
  assert.equal(typeof toWire, 'function');
});

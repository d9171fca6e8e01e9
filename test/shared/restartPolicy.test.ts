import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RestartPolicy } from '../../shared/src/restartPolicy';

describe('client restart policy', () => {
  it('restarts four times in three minutes, then stops and says so', () => {
    let t = 0;
    const p = new RestartPolicy(4, 180_000, () => t);
    const decisions = [0, 1, 2, 3, 4].map(() => {
      t += 1000;
      return p.closed();
    });
    assert.deepEqual(
      decisions.map((d) => [d.restart, d.crashes]),
      [
        [true, 1],
        [true, 2],
        [true, 3],
        [true, 4],
        [false, 5],
      ],
    );
    assert.equal(decisions[0]!.message, 'The Bulkhead server stopped unexpectedly; restarting it (1 of 4 restarts allowed in 3 minutes).');
    assert.equal(
      decisions[4]!.message,
      'The Bulkhead server stopped 5 times in 3 minutes and will not be restarted. See the Bulkhead output; "Bulkhead: Restart Server" starts it again.',
    );
  });

  it('crashes older than the window no longer count', () => {
    let t = 0;
    const p = new RestartPolicy(2, 60_000, () => t);
    p.closed();
    t = 10_000;
    p.closed();
    t = 65_000; // the first crash left the window, the second is still in it
    assert.deepEqual([p.closed().restart, p.closed().restart], [true, false]);
  });

  it('a manual restart resets the count', () => {
    const p = new RestartPolicy(1, 60_000, () => 0);
    p.closed();
    p.reset();
    assert.equal(p.closed().restart, true);
  });
});

/**
 * Node options the language server runs with: the extension starts it with them
 * (client/src/extension.ts) and the benchmark too (test/bench/lsp.mjs), so what is measured is
 * what ships.
 *
 * `--max-semi-space-size=2` (MB): V8's young generation otherwise grows to 2 × 16 MB after the
 * first burst of analyses and keeps that memory for the life of the process. The server's
 * allocations are short-lived (one analysis) and its live data small (documents.ts keeps full
 * analyses for a few documents only), so a small nursery costs little: measured with 200 open
 * corpus documents (production bundle), RSS 123 MB at 16, 98–100 at 4, 94–96 at 2, 92 at 1;
 * analysis CPU of a 200-line Dockerfile within the noise of a loaded machine, ~+10–20% on a
 * 10,000-line one. (`--optimize-for-size` gave 82 MB but doubled analysis CPU.)
 *
 * Re-measured for issue #8 (server CPU per change from /proc, `test/bench/lsp.mjs`, loaded
 * machine, 2–3 runs per size): typing a 200-line Dockerfile 4.7–4.9 ms at 2, 4.7–5.2 at 4,
 * 4.6–5.9 at 16; an edit of the 10,000-line Dockerfile 930–944 ms at 2, 976–996 at 4, 868–900
 * at 8, 808 at 16; of the 500-service Compose file 650–724 / 602–632 / 680 / 624 ms. RSS with
 * 200 open documents: 101 / 104–105 / 113 / 127 MB. A larger nursery buys at most ~15% on huge
 * files (far from their 50 ms goal) and costs the memory goal, so 2 stays.
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=2'];

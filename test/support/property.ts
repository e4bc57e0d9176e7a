import fc from 'fast-check';

/**
 * Runs an async property through the API with a fixed seed, so that a failure
 * reproduces: no shrinking (every run goes through the hub, and the first
 * counterexample says enough). A failure names the seed, the path and the
 * reason, and with `showCase` the failing case itself.
 */
export async function checkProperty<T>(
  cases: fc.Arbitrary<T>,
  play: (c: T) => Promise<void>,
  options: { seed: number; runs: number; showCase?: boolean },
): Promise<void> {
  const outcome = await fc.check(fc.asyncProperty(cases, play), { seed: options.seed, numRuns: options.runs, endOnFailure: true });
  if (!outcome.failed) return;
  const reason = outcome.errorInstance instanceof Error ? outcome.errorInstance.message : String(outcome.errorInstance);
  const shown = options.showCase === false ? '' : `\n  case: ${JSON.stringify(outcome.counterexample?.[0])}`;
  throw new Error(`seed ${outcome.seed}, path "${outcome.counterexamplePath}": ${reason}${shown}`);
}

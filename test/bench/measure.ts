/** One contender in a side-by-side benchmark. */
export interface Contender {
  name: string;
  run: () => unknown;
}

/**
 * Runs the contenders interleaved, round after round, so they share the machine's state,
 * and returns each one's median microseconds per operation.
 */
export async function measure(contenders: Contender[], { rounds = 9, opsPerRound = 2000 } = {}): Promise<Map<string, number>> {
  const samples = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  for (const contender of contenders) for (let i = 0; i < 200; i += 1) await contender.run(); // warm-up
  for (let round = 0; round < rounds; round += 1) {
    for (const contender of contenders) {
      const start = process.hrtime.bigint();
      for (let i = 0; i < opsPerRound; i += 1) await contender.run();
      samples.get(contender.name)!.push(Number(process.hrtime.bigint() - start) / 1000 / opsPerRound);
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return new Map([...samples].map(([name, values]) => [name, median(values)]));
}

/** Prints results as µs/op and as a ratio to the baseline. */
export function report(title: string, results: Map<string, number>, baseline: string): void {
  const base = results.get(baseline)!;
  console.log(`\n${title}`);
  for (const [name, micros] of results) {
    console.log(`  ${name.padEnd(34)} ${micros.toFixed(2).padStart(8)} µs/op   ${(micros / base).toFixed(2).padStart(6)}× ${baseline}`);
  }
}

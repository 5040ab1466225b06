// Starts test/bench/support/bench-server.ts in its own process on `store` ('pglite' or a
// PostgreSQL URL) and reads its fixtures (URL, project, tokens, sessions, requests).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface Fixture {
  url: string;
  projectId: string;
  tokens: string[];
  changedTokens: string[];
  sessions: string[];
  requestIds: string[];
  /** The bench project's identity secret and audience, for runs longer than a token lives (300 s). */
  secret: string;
  audience: string;
}

export async function startBenchServer(store: string): Promise<{ fixture: Fixture; pid: number; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', 'test/bench/support/bench-server.ts', store], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return {
    fixture: JSON.parse(line) as Fixture,
    pid: child.pid!,
    stop: () => new Promise((resolve) => { child.once('exit', () => resolve()); child.kill('SIGTERM'); }),
  };
}

import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { repositoryRoot } from './run-cli.js';

/** A free loopback port (there is a small race, acceptable in tests). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The built `reqio start` in a child process, as users run it. */
export interface SpawnedService {
  url: string;
  child: ChildProcess;
  /** Standard output and error, interleaved as they arrived. */
  output: () => string;
  /** Standard output alone: the JSON log lines. */
  stdout: () => string;
  /** Standard error alone: what start prints for people (links, credentials). */
  stderr: () => string;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<number | string | null>;
}

/** Starts `reqio start` with `env` (on `port`, or a free one) and waits until /healthz answers. */
export async function spawnService(env: Record<string, string>, args: string[] = [], options: { port?: number; cwd?: string } = {}): Promise<SpawnedService> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [`${repositoryRoot}server/bin/reqio.js`, 'start', ...args], {
    cwd: options.cwd ?? repositoryRoot,
    env: { ...process.env, PORT: String(port), PUBLIC_URL: url, LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => ((output += chunk.toString()), (stdout += chunk.toString())));
  child.stderr!.on('data', (chunk: Buffer) => ((output += chunk.toString()), (stderr += chunk.toString())));
  const exited = new Promise<number | string | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`reqio start exited: ${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`reqio start did not become healthy: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, child, output: () => output, stdout: () => stdout, stderr: () => stderr, exited };
}

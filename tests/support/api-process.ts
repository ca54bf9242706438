import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../../src/runtime/embedded-postgres';
import { ADMIN_TOKEN } from './app';

const ROOT = path.resolve(__dirname, '../..');

/** `npm start` as its own process: one node process (tsx loaded with --import), on a free port. */
export interface ApiProcess {
  baseUrl: string;
  child: ChildProcess;
  /** What it printed so far (stdout and stderr). */
  output(): string;
  /** Whether it has exited, and how. */
  exit(): { code: number | null; signal: NodeJS.Signals | null } | undefined;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

/** `env` is added to this process's environment; a variable set to undefined is left out. */
export async function startApiProcess(
  env: Record<string, string | undefined>,
  startTimeoutMs = 60_000,
): Promise<ApiProcess> {
  const port = await freePort();
  const merged = { ...process.env, PORT: String(port), HOST: '127.0.0.1', COFUND_ADMIN_TOKEN: ADMIN_TOKEN, ...env };
  const childEnv = Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/runtime/node.ts'], {
    cwd: ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const gone = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    }),
  );
  const deadline = Date.now() + startTimeoutMs;
  while (!output.includes(`listening on http://localhost:${port}`)) {
    if (exited) throw new Error(`the API exited before listening (${JSON.stringify(exited)}):\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the API did not listen within ${startTimeoutMs} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    child,
    output: () => output,
    exit: () => exited,
    async stop() {
      if (!exited) child.kill('SIGTERM');
      await gone;
    },
  };
}

import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

/** The repository root: children run `bin/juchu.js` and bench scripts from here. */
export const ROOT = resolve(import.meta.dirname, '..');
export const JUCHU_BIN = resolve(ROOT, 'bin/juchu.js');

export interface Child {
  readonly process: ChildProcess;
  /** Everything it wrote to stderr so far (for error messages). */
  stderr(): string;
  /** Resolves with the exit code. */
  readonly exited: Promise<number>;
  stop(): Promise<number>;
}

/** Starts `node <args>` in the repository with `env` added to ours; stdout lines go to `onLine`. */
export function startChild(args: readonly string[], env: Record<string, string>, onLine: (line: string) => void = () => {}): Child {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    err = (err + chunk.toString('utf8')).slice(-8_000);
  });
  createInterface({ input: child.stdout! }).on('line', onLine);
  const exited = once(child, 'exit').then(([code, signal]) => (code ?? (signal ? 128 : 1)) as number);
  return {
    process: child,
    stderr: () => err,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Starts a child and waits for the first stdout line that `parse` accepts. */
export async function startChildUntil<T>(
  args: readonly string[],
  env: Record<string, string>,
  parse: (line: string) => T | undefined,
  timeoutMs = 120_000,
): Promise<{ child: Child; value: T }> {
  let found: (value: T) => void = () => {};
  const value = new Promise<T>((r) => (found = r));
  const child = startChild(args, env, (line) => {
    const parsed = parse(line);
    if (parsed !== undefined) found(parsed);
  });
  let timer: NodeJS.Timeout | undefined;
  const failed = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${args.join(' ')}: not ready within ${timeoutMs} ms\n${child.stderr()}`)), timeoutMs);
    void child.exited.then((code) => reject(new Error(`${args.join(' ')} exited with ${code}\n${child.stderr()}`)));
  });
  try {
    return { child, value: await Promise.race([value, failed]) };
  } catch (err) {
    await child.stop();
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `node <args>` to the end; its stdout, stderr and exit code. */
export async function runChild(args: readonly string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const lines: string[] = [];
  const child = startChild(args, env, (line) => lines.push(line));
  const code = await child.exited;
  return { code, stdout: lines.join('\n'), stderr: child.stderr() };
}

export interface SandboxProcess {
  readonly child: Child;
  readonly url: string;
  readonly serviceSecret: string;
  readonly licenseKey: string;
}

/** `juchu sandbox` in its own process with its ready-made shop holding `orders` orders. */
export async function startSandboxProcess(orders: number, seed = 1): Promise<SandboxProcess> {
  const fields: Record<string, string> = {};
  const { child } = await startChildUntil([JUCHU_BIN, 'sandbox', '--port', '0', '--smtp-port', '0', '--orders', String(orders), '--seed', String(seed)], {}, (line) => {
    const listening = /listening on (\S+)/.exec(line);
    if (listening) fields.url = listening[1]!;
    const field = /^\s+(serviceSecret|licenseKey):\s+(\S+)/.exec(line);
    if (field) fields[field[1]!] = field[2]!;
    return /control API/.test(line) ? true : undefined;
  }, 300_000);
  return { child, url: fields.url!, serviceSecret: fields.serviceSecret!, licenseKey: fields.licenseKey! };
}

/**
 * A plain static web server for tests that need one of their own: Python's
 * `http.server`, as an analyst on a machine without Node would run it
 * (docs/DEPLOY.md). Each serves one folder on a free loopback port, and can be
 * stopped and started again on the same port: the same origin, so the same
 * service worker and the same IndexedDB.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface StaticServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** Stops serving; the port is free again when this resolves. */
  stop(): Promise<void>;
  /** Serves the same folder on the same port again. */
  start(): Promise<void>;
}

const LISTENING = /Serving HTTP on \S+ port (\d+)/;

/** Starts `python3 -m http.server` in `directory`; resolves with its port once it listens. */
function python(directory: string, port: number): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'python3',
      ['-u', '-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', directory],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = LISTENING.exec(output);
      if (match) {
        child.stdout?.off('data', onData);
        // Keep draining both pipes (the request log goes to stderr), so the server never blocks on them.
        child.stdout?.resume();
        resolve({ child, port: Number(match[1]) });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      if (!LISTENING.test(output)) output += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      reject(new Error(`python3 -m http.server exited (${code}) before serving:\n${output}`)),
    );
  });
}

/** Serves `directory` on a free port of 127.0.0.1 (the OS picks it). */
export async function serveStatic(directory: string): Promise<StaticServer> {
  let { child, port } = await python(directory, 0);
  let running: ChildProcess | null = child;
  return {
    origin: `http://127.0.0.1:${port}`,
    async stop() {
      const stopping = running;
      running = null;
      if (!stopping || stopping.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => stopping.once('exit', () => resolve()));
      stopping.kill('SIGTERM');
      await exited;
    },
    async start() {
      if (running) return;
      ({ child, port } = await python(directory, port));
      running = child;
    },
  };
}

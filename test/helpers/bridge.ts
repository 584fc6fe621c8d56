/**
 * Starts the built loopback bridge (`out/main/bridge.js`, what `npm run web` runs) over a data
 * folder, as its own process, and returns the URL it printed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');

export interface RunningBridge {
  url: string;
  origin: string;
  token: string;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * `outDir` is the build to serve (the benchmark serves a copy of out/ so that a rebuild cannot
 * disturb it); its dependencies still resolve from the project's node_modules.
 */
export async function startBuiltBridge(dataDir: string, outDir = join(ROOT, 'out')): Promise<RunningBridge> {
  const script = join(outDir, 'main', 'bridge.js');
  if (!existsSync(script))
    throw new Error(`${script} is missing: run \`npm run build\` first (npm test does)`);
  const child: ChildProcess = spawn(process.execPath, [script, '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') },
  });
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`bridge did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /BRIDGE_URL (\S+)/.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`bridge exited with ${code}:\n${output}`)));
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    output: () => output,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

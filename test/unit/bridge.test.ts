import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { describe, expect, onTestFinished, test, vi } from 'vitest';
import { openBackend } from '../../src-main/backend';
import { startBridge, TOKEN_HEADER, type Bridge } from '../../src-main/bridge/server';
import { CSP } from '../../src-main/shell/security';
import { countRows, logicalHash } from '../helpers/db';
import { tempDir } from '../helpers/tmp';

// Records the servers the bridge creates, so the test can ask where they really listen.
const created = vi.hoisted(() => ({ servers: [] as Server[] }));
vi.mock('node:http', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:http')>();
  const createServer = ((...args: Parameters<typeof actual.createServer>) => {
    const server = actual.createServer(...args);
    created.servers.push(server);
    return server;
  }) as typeof actual.createServer;
  return { ...actual, createServer, default: { ...actual, createServer } };
});

interface Fixture {
  bridge: Bridge;
  server: Server;
  file: string;
  indexHtml: string;
  appJs: string;
}

async function setup(): Promise<Fixture> {
  const root = tempDir();
  const rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  const indexHtml = `<!doctype html><title>ct</title><p>${randomBytes(8).toString('hex')}</p>`;
  const appJs = `console.log(${JSON.stringify(randomBytes(8).toString('hex'))});`;
  writeFileSync(join(rendererDir, 'index.html'), indexHtml);
  writeFileSync(join(rendererDir, 'assets', 'app.js'), appJs);
  // Files next to the renderer folder that must never be served.
  writeFileSync(join(root, 'secret.txt'), 'secret');
  writeFileSync(join(root, 'package.json'), '{"secret":true}');
  const backend = openBackend({ dataDir: join(root, 'data'), version: '0.0.0-test' });
  const before = created.servers.length;
  const bridge = await startBridge({ router: backend.router, rendererDir });
  const server = created.servers[before];
  if (!server) throw new Error('startBridge did not create an http server');
  onTestFinished(async () => {
    await bridge.close();
    backend.close();
  });
  return { bridge, server, file: backend.file, indexHtml, appJs };
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request with exactly the given path and headers (node:http does not rewrite either). */
function send(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { host: `127.0.0.1:${port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function api(f: Fixture, channel: string, payload: unknown, headers: Record<string, string> = {}) {
  return send(f.bridge.port, {
    method: 'POST',
    path: `/api/${channel}`,
    headers: { 'content-type': 'application/json', [TOKEN_HEADER]: f.bridge.token, ...headers },
    body: payload === undefined ? '' : JSON.stringify(payload),
  });
}

describe('static files', () => {
  test('GET / serves index.html with the CSP header', async () => {
    const f = await setup();
    const res = await send(f.bridge.port, { path: '/' });
    expect(res.status).toBe(200);
    expect(res.body).toBe(f.indexHtml);
    expect(res.headers['content-security-policy']).toBe(CSP);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const js = await send(f.bridge.port, { path: '/assets/app.js' });
    expect(js.status).toBe(200);
    expect(js.body).toBe(f.appJs);
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
  });

  test('paths that climb out of the renderer folder are not found', async () => {
    const f = await setup();
    for (const path of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/%2E%2E/package.json',
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/../../secret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%5csecret.txt',
      '//etc/passwd',
      '/%2fetc%2fpasswd',
      '/assets',
      '/missing.html',
    ]) {
      const res = await send(f.bridge.port, { path });
      expect(res.status, path).toBe(404);
      expect(res.body, path).not.toContain('secret');
      expect(res.body, path).not.toContain('root:');
    }
  });

  test('only GET and HEAD are served', async () => {
    const f = await setup();
    expect((await send(f.bridge.port, { method: 'POST', path: '/' })).status).toBe(405);
    expect((await send(f.bridge.port, { method: 'DELETE', path: '/index.html' })).status).toBe(405);
    expect((await send(f.bridge.port, { method: 'HEAD', path: '/' })).status).toBe(200);
  });
});

describe('API', () => {
  test('POST with the right token reaches the router', async () => {
    const f = await setup();
    const res = await api(f, 'projects.list', {});
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body) as { ok: boolean; value: { name: string }[] };
    expect(body.ok).toBe(true);
    expect(body.value).toHaveLength(countRows(f.file, 'projects'));

    const created = await api(f, 'projects.create', { name: '桥接项目' });
    const value = (JSON.parse(created.body) as { ok: boolean; value: { id: string } }).value;
    expect(countRows(f.file, 'projects', 'id = ? AND name = ?', value.id, '桥接项目')).toBe(1);

    const same = await api(f, 'projects.list', {}, { origin: `http://127.0.0.1:${f.bridge.port}` });
    expect(same.status).toBe(200);
    const viaLocalhost = await api(f, 'projects.list', {}, { host: `localhost:${f.bridge.port}` });
    expect(viaLocalhost.status).toBe(200);
    expect((await api(f, 'nope', {})).body).toBe(
      JSON.stringify({ ok: false, error: { code: 'unknown_channel' } }),
    );
  });

  test('an answer with a long list is sent in pieces, byte for byte what JSON.stringify makes', async () => {
    const rows = Array.from({ length: 4501 }, (_, i) => [
      `01900000-0000-7000-8000-${String(i).padStart(12, '0')}`,
      `任务${i} "引号" \\ \u2028`,
      i % 3 === 0 ? null : i * 1.5,
      i % 2,
      [],
    ]);
    const answers: Record<string, unknown> = {
      long: {
        ok: true,
        value: {
          projectId: 'p',
          fields: ['id', 'name', 'budget', 'flag', 'links'],
          skipped: undefined,
          rows,
        },
        changes: { tables: ['tasks'] },
      },
      bare: { ok: true, value: rows.slice(0, 2001) },
      short: { ok: true, value: { rows: rows.slice(0, 3), at: new Date(0) } },
    };
    const router = {
      channels: [],
      listen: () => () => {},
      invoke: () => ({ ok: false as const, error: { code: 'internal' as const } }),
      invokeAsync: (channel: unknown) =>
        Promise.resolve(answers[channel as string] as { ok: true; value: unknown }),
    };
    const bridge = await startBridge({ router, rendererDir: tempDir() });
    onTestFinished(() => bridge.close());
    for (const [channel, answer] of Object.entries(answers)) {
      const res = await send(bridge.port, {
        method: 'POST',
        path: `/api/${channel}`,
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: bridge.token },
        body: '{}',
      });
      expect(res.status).toBe(200);
      expect(res.body, channel).toBe(JSON.stringify(answer));
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['transfer-encoding']).toBe('chunked');
    }
  });

  test('a missing or wrong token is refused with 401 and nothing is written', async () => {
    const f = await setup();
    const before = logicalHash(f.file);
    const noToken = await send(f.bridge.port, {
      method: 'POST',
      path: '/api/projects.create',
      body: JSON.stringify({ name: 'x' }),
    });
    expect(noToken.status).toBe(401);
    expect(JSON.parse(noToken.body)).toEqual({ ok: false, error: { code: 'forbidden' } });
    const flipped = f.bridge.token.slice(0, -1) + (f.bridge.token.endsWith('0') ? '1' : '0');
    for (const token of ['', 'wrong', flipped, `${f.bridge.token}x`, f.bridge.token.toUpperCase() + 'Z']) {
      const res = await api(f, 'projects.create', { name: 'x' }, { [TOKEN_HEADER]: token });
      expect(res.status, token).toBe(401);
    }
    // The token in the page URL does not count as the header.
    const inQuery = await send(f.bridge.port, {
      method: 'POST',
      path: `/api/projects.create?token=${f.bridge.token}`,
      body: JSON.stringify({ name: 'x' }),
    });
    expect(inQuery.status).toBe(401);
    expect(logicalHash(f.file)).toBe(before);
  });

  test('a foreign Origin or Host is refused with 403 even with the token', async () => {
    const f = await setup();
    const before = logicalHash(f.file);
    const port = f.bridge.port;
    for (const origin of [
      'http://evil.example',
      'null',
      `http://127.0.0.1:${port + 1}`,
      `https://127.0.0.1:${port}`,
    ]) {
      const res = await api(f, 'projects.create', { name: 'x' }, { origin });
      expect(res.status, origin).toBe(403);
      expect(JSON.parse(res.body), origin).toEqual({ ok: false, error: { code: 'forbidden' } });
    }
    for (const host of ['evil.example', `evil.example:${port}`, '127.0.0.1', `127.0.0.1:${port + 1}`]) {
      const res = await api(f, 'projects.create', { name: 'x' }, { host });
      expect(res.status, host).toBe(403);
      const page = await send(port, { path: '/', headers: { host } });
      expect(page.status, host).toBe(403);
      expect(page.body).not.toContain('<title>');
    }
    expect(logicalHash(f.file)).toBe(before);
  });

  test('a body that is not JSON is refused with 400 invalid_input', async () => {
    const f = await setup();
    const before = logicalHash(f.file);
    for (const body of ['{', 'not json', '{"name": "x",}', "{'name':'x'}"]) {
      const res = await send(f.bridge.port, {
        method: 'POST',
        path: '/api/projects.create',
        headers: { [TOKEN_HEADER]: f.bridge.token },
        body,
      });
      expect(res.status, body).toBe(400);
      expect((JSON.parse(res.body) as { error: { code: string } }).error.code).toBe('invalid_input');
    }
    // Well-formed JSON that breaks the contract is the router's invalid_input, with status 200.
    const bad = await api(f, 'projects.create', { name: '' });
    expect(bad.status).toBe(200);
    expect((JSON.parse(bad.body) as { error: { code: string } }).error.code).toBe('invalid_input');
    expect(logicalHash(f.file)).toBe(before);
  });

  test('GET on the API is refused', async () => {
    const f = await setup();
    const res = await send(f.bridge.port, {
      path: '/api/projects.list',
      headers: { [TOKEN_HEADER]: f.bridge.token },
    });
    expect(res.status).toBe(405);
  });
});

/** Opens the event stream and gathers its events until `until` says enough (or the server ends it). */
function openEvents(port: number, path: string) {
  const events: Record<string, unknown>[] = [];
  let text = '';
  let ended = false;
  let notify = () => {};
  const response = new Promise<{ status: number; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: 'GET', path, headers: { host: `127.0.0.1:${port}` } },
      (res) => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers });
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
          const blocks = text.split('\n\n');
          text = blocks.pop() ?? '';
          for (const block of blocks)
            for (const line of block.split('\n'))
              if (line.startsWith('data: '))
                events.push(JSON.parse(line.slice(6)) as Record<string, unknown>);
          notify();
        });
        res.on('end', () => {
          ended = true;
          notify();
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
  return {
    response,
    events,
    get ended() {
      return ended;
    },
    waitFor: (check: () => boolean) =>
      new Promise<void>((resolve) => {
        notify = () => check() && resolve();
        notify();
      }),
  };
}

describe('events (server-sent)', () => {
  test('refused without the token; with it, a finished restore arrives as an event', async () => {
    const f = await setup();
    for (const path of ['/api/events', '/api/events?token=wrong', `/api/events?token=${f.bridge.token}x`]) {
      const refused = await send(f.bridge.port, { path });
      expect(refused.status, path).toBe(401);
      expect(JSON.parse(refused.body)).toEqual({ ok: false, error: { code: 'forbidden' } });
    }
    const foreign = await send(f.bridge.port, {
      path: `/api/events?token=${f.bridge.token}`,
      headers: { origin: 'http://evil.example' },
    });
    expect(foreign.status).toBe(403);

    const stream = openEvents(f.bridge.port, `/api/events?token=${f.bridge.token}`);
    const opened = await stream.response;
    expect(opened.status).toBe(200);
    expect(opened.headers['content-type']).toBe('text/event-stream; charset=utf-8');

    const made = JSON.parse((await api(f, 'backups.create', {})).body) as { value: { name: string } };
    const name = made.value.name;
    const restored = JSON.parse((await api(f, 'backups.restore', { name })).body) as {
      ok: boolean;
      changes: { projectId: string | null; tables: string[] };
    };
    expect(restored.ok).toBe(true);
    // The whole database was replaced: every table of a project is stale.
    expect(restored.changes.projectId).toBeNull();
    expect(restored.changes.tables).toEqual(
      expect.arrayContaining(['projects', 'tasks', 'modules', 'people']),
    );
    await stream.waitFor(() => stream.events.length > 0);
    expect(stream.events).toEqual([{ type: 'backup-restored', name }]);

    // Closing the bridge ends the stream (it would otherwise keep the server open).
    await f.bridge.close();
    await stream.waitFor(() => stream.ended);
    expect(stream.ended).toBe(true);
  });
});

describe('listening socket', () => {
  test('listens on 127.0.0.1 only', async () => {
    const f = await setup();
    const address = f.server.address() as AddressInfo;
    expect(address.address).toBe('127.0.0.1');
    expect(address.family).toBe('IPv4');
    expect(address.port).toBe(f.bridge.port);
    expect(f.bridge.url.startsWith(`http://127.0.0.1:${f.bridge.port}/`)).toBe(true);

    // Not reachable on any other address of this machine.
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i !== undefined && i.family === 'IPv4' && !i.internal)
      .map((i) => i!.address);
    for (const host of others) {
      const refused = await new Promise<boolean>((resolve) => {
        const socket = connect({ host, port: f.bridge.port });
        socket.setTimeout(2000, () => {
          socket.destroy();
          resolve(true);
        });
        socket.on('connect', () => {
          socket.destroy();
          resolve(false);
        });
        socket.on('error', () => resolve(true));
      });
      expect(refused, host).toBe(true);
    }
  });
});

/**
 * The loopback bridge: serves the built renderer and the same router as the Electron app over
 * HTTP on 127.0.0.1, so the real renderer can run in headless Chromium against a real SQLite
 * file (tests, development). The packaged app never starts it.
 *
 * Guard rails, because any local process or web page could try to talk to a local port:
 * - it listens on 127.0.0.1 only;
 * - every API call needs the per-run random token (header x-bridge-token; the event stream, which
 *   a browser's EventSource opens without headers of its own, takes it as ?token=);
 * - a request whose Origin is not this server's own is refused (a page elsewhere cannot call it);
 * - a request whose Host is not 127.0.0.1/localhost:port is refused (DNS rebinding);
 * - request bodies are limited in size: a Content-Length over the limit is answered 413 at once
 *   without reading the body, a body that grows past it (chunked) is answered 413 as soon as it
 *   does, and in both cases reading stops and the connection is closed; a body is gathered into
 *   one buffer of its size, so memory stays a small multiple of the limit.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Router } from '../router';
import { CSP } from '../shell/security';
import { EVENTS_PATH } from '../shared/events';
import { PROJECT_FILE_MAX_BASE64 } from '../shared/project-file-contract';

export const TOKEN_HEADER = 'x-bridge-token';
/** The largest payload a channel accepts (a project file's bytes as base64) plus its JSON. */
export const MAX_BODY = PROJECT_FILE_MAX_BASE64 + 1024 * 1024;
/** How often an idle event stream gets a comment, so nothing between drops it. */
const KEEP_ALIVE_MS = 15_000;
/** A client that stops reading after a refusal is disconnected after this long. */
const LINGER_MS = 5000;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface Bridge {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export async function startBridge(options: {
  router: Router;
  rendererDir: string;
  port?: number;
  /** Largest request body in bytes (MAX_BODY; smaller in tests). */
  maxBodyBytes?: number;
}): Promise<Bridge> {
  const maxBody = options.maxBodyBytes ?? MAX_BODY;
  const token = randomBytes(24).toString('hex');
  const rendererDir = resolve(options.rendererDir);
  let port = 0;
  /** Open event streams, ended when the bridge closes (they would keep it open). */
  const streams = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      console.error('bridge request failed', e);
      if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'internal' } });
    });
  });

  function hostAllowed(req: IncomingMessage): boolean {
    return req.headers.host === `127.0.0.1:${port}` || req.headers.host === `localhost:${port}`;
  }
  function originAllowed(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    return (
      origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`
    );
  }
  function tokenValid(req: IncomingMessage): boolean {
    const given = Buffer.from(String(req.headers[TOKEN_HEADER] ?? ''));
    const expected = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** The token of the query string (the event stream only), compared in constant time. */
  function queryTokenValid(url: URL): boolean {
    const given = Buffer.from(url.searchParams.get('token') ?? '');
    const expected = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /**
   * The router's events as server-sent events, one `data:` line of JSON each, until the page goes
   * (the same events Electron sends over IPC). A comment every few seconds keeps the line open.
   */
  function streamEvents(req: IncomingMessage, res: ServerResponse) {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-content-type-options': 'nosniff',
    });
    res.write(': events\n\n');
    const stop = options.router.listen((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
    const alive = setInterval(() => res.write(': alive\n\n'), KEEP_ALIVE_MS);
    alive.unref();
    const end = () => {
      stop();
      clearInterval(alive);
      streams.delete(res);
    };
    streams.add(res);
    req.on('close', end);
    res.on('close', end);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    if (!hostAllowed(req) || !originAllowed(req))
      return send(res, 403, { ok: false, error: { code: 'forbidden' } });
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname === EVENTS_PATH) {
      if (req.method !== 'GET') return send(res, 405, { ok: false, error: { code: 'forbidden' } });
      if (!tokenValid(req) && !queryTokenValid(url))
        return send(res, 401, { ok: false, error: { code: 'forbidden' } });
      return streamEvents(req, res);
    }
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return send(res, 405, { ok: false, error: { code: 'forbidden' } });
      if (!tokenValid(req)) return send(res, 401, { ok: false, error: { code: 'forbidden' } });
      const body = await readBody(req, maxBody);
      if (body === 'too_large') return refuseAndClose(req, res, 413, 'too_large');
      if (body === 'bad_length') return refuseAndClose(req, res, 400, 'bad_length');
      let payload: unknown;
      try {
        payload = body.length ? JSON.parse(body) : undefined;
      } catch {
        return send(res, 400, { ok: false, error: { code: 'invalid_input', reason: 'not_json' } });
      }
      const channel = safeDecode(url.pathname.slice('/api/'.length));
      if (channel === null) return send(res, 400, { ok: false, error: { code: 'unknown_channel' } });
      // Requests that came in meanwhile (the page's scripts, asked for with its first data) are
      // served before the router's synchronous work holds the thread.
      await new Promise<void>((resume) => setImmediate(resume));
      return sendAnswer(res, await options.router.invokeAsync(channel, payload));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, { ok: false, error: { code: 'forbidden' } });
    serveStatic(url.pathname, res);
  }

  function serveStatic(pathname: string, res: ServerResponse) {
    const decoded = safeDecode(pathname === '/' ? '/index.html' : pathname);
    const file = decoded === null ? '' : join(rendererDir, normalize(decoded));
    if (!file || !file.startsWith(rendererDir + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end('not found');
    }
    // Read whole and written in one go as the request comes: streamed in 64 kB pieces, a script
    // would wait between pieces for each API call answered meanwhile (the page asks for its
    // first data and its code at the same time). The renderer's files are small and local.
    const bytes = readFileSync(file);
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    res.end(bytes);
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise((r) => {
        for (const stream of streams) stream.end();
        server.close(() => r());
      }),
  };
}

/** decodeURIComponent that answers null for a malformed escape such as %E0%A4%A. */
function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** The headers of every API answer. */
const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, JSON_HEADERS);
  res.end(JSON.stringify(body));
}

/** Items of a long array written per piece of an answer sent in pieces. */
const ITEMS_PER_PIECE = 2000;
/** How deep into an answer a long array is looked for (tasks.list's rows are at value.rows). */
const PIECES_DEPTH = 3;

/**
 * An API answer. One with a long array in it (tasks.list's rows: 3 MB of JSON at 10,000 tasks,
 * 32 MB at 100,000) is written in pieces as it is made, so its first bytes are on their way
 * while the rest is still being serialised, and no string of the whole answer is built and then
 * copied again into a buffer; between pieces the server answers other requests. The bytes are
 * exactly JSON.stringify's. Any other answer goes in one piece, as before.
 */
async function sendAnswer(res: ServerResponse, body: unknown) {
  if (!hasLongArray(body, 0)) return send(res, 200, body);
  res.writeHead(200, JSON_HEADERS);
  let closed = false;
  res.once('close', () => (closed = true));
  for (const piece of jsonPieces(body, 0)) {
    if (closed) return;
    if (!res.write(piece))
      await new Promise<void>((resume) => {
        const go = () => {
          res.off('drain', go);
          res.off('close', go);
          resume();
        };
        res.on('drain', go);
        res.on('close', go);
      });
    else await new Promise<void>((resume) => setImmediate(resume));
  }
  if (!closed) res.end();
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

function hasLongArray(value: unknown, depth: number): boolean {
  if (Array.isArray(value)) return value.length > ITEMS_PER_PIECE;
  if (depth >= PIECES_DEPTH || !isPlainObject(value) || typeof value.toJSON === 'function') return false;
  return Object.values(value).some((v) => hasLongArray(v, depth + 1));
}

/**
 * JSON.stringify(value) as consecutive pieces: a long array a slice of its items at a time, the
 * plain objects around it key by key (skipping what JSON.stringify skips), anything else whole.
 */
function* jsonPieces(value: unknown, depth: number): Generator<string> {
  if (Array.isArray(value) && value.length > ITEMS_PER_PIECE) {
    for (let i = 0; i < value.length; i += ITEMS_PER_PIECE) {
      const slice = JSON.stringify(value.slice(i, i + ITEMS_PER_PIECE));
      yield (i === 0 ? '[' : ',') + slice.slice(1, -1);
    }
    yield ']';
  } else if (hasLongArray(value, depth) && isPlainObject(value)) {
    let first = true;
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
      const head = `${first ? '{' : ','}${JSON.stringify(key)}:`;
      first = false;
      if (hasLongArray(item, depth + 1)) {
        yield head;
        yield* jsonPieces(item, depth + 1);
      } else yield head + JSON.stringify(item);
    }
    yield first ? '{}' : '}';
  } else yield JSON.stringify(value);
}

/**
 * Answers a request whose body is not read (too large, or a length that is not a number), then
 * stops reading: the socket is paused, so the client's sending stalls on TCP's flow control
 * instead of filling memory, half-closed once the answer is out (the client reads it rather than
 * a reset), and dropped if the client lingers.
 */
function refuseAndClose(req: IncomingMessage, res: ServerResponse, status: number, reason: string) {
  req.pause();
  res.shouldKeepAlive = false;
  const body = JSON.stringify({ ok: false, error: { code: 'invalid_input', reason } });
  res.writeHead(status, { ...JSON_HEADERS, 'content-length': Buffer.byteLength(body), connection: 'close' });
  res.end(body);
  res.on('finish', () => {
    req.socket.end();
    setTimeout(() => req.socket.destroy(), LINGER_MS).unref();
  });
}

/**
 * The body as text, or why it is not read. With a Content-Length the size is known before a
 * byte is read: over the limit, nothing is read; else one buffer of that size is filled. A
 * chunked body is gathered until it passes the limit, then reading stops.
 */
function readBody(req: IncomingMessage, limit: number): Promise<string | 'too_large' | 'bad_length'> {
  const declared = req.headers['content-length'];
  let expected: number | null = null;
  if (declared !== undefined) {
    if (!/^\d{1,16}$/.test(declared)) return Promise.resolve('bad_length');
    expected = Number(declared);
    if (expected > limit) return Promise.resolve('too_large');
  }
  return new Promise((resolveBody, reject) => {
    const fixed = expected !== null ? Buffer.allocUnsafe(expected) : null;
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      if (size + chunk.length > (fixed ? fixed.length : limit)) {
        req.off('data', onData);
        req.pause();
        chunks.length = 0;
        resolveBody('too_large');
        return;
      }
      if (fixed) chunk.copy(fixed, size);
      else chunks.push(chunk);
      size += chunk.length;
    };
    req.on('data', onData);
    req.on('end', () => {
      const whole = fixed ? fixed.subarray(0, size) : Buffer.concat(chunks, size);
      chunks.length = 0;
      resolveBody(whole.toString('utf8'));
    });
    req.on('error', reject);
  });
}

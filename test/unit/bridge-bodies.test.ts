/**
 * Oversized request bodies on the loopback bridge: a Content-Length over the limit is answered
 * 413 at once, before a byte of the body is read; a chunked body that grows past the limit is
 * answered 413 as soon as it does, reading stops (the client cannot push much more than the
 * socket buffers hold) and the connection is closed; memory does not follow the client's claim.
 */
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { describe, expect, onTestFinished, test } from 'vitest';
import { openBackend } from '../../src-main/backend';
import { MAX_BODY, startBridge, TOKEN_HEADER } from '../../src-main/bridge/server';
import { logicalHash } from '../helpers/db';
import { tempDir } from '../helpers/tmp';

async function bridgeWith(maxBodyBytes?: number) {
  const root = tempDir();
  const backend = openBackend({ dataDir: join(root, 'data'), version: '0.0.0-test', autoBackups: false });
  const bridge = await startBridge({ router: backend.router, rendererDir: root, maxBodyBytes });
  onTestFinished(async () => {
    await bridge.close();
    backend.close();
  });
  return { bridge, file: backend.file };
}

interface Exchange {
  status: number;
  body: string;
  /** Bytes of the body the client managed to hand to the socket before it was closed. */
  sent: number;
  closed: boolean;
}

/**
 * A raw HTTP request: the headers, then (if given) up to `bodyBytes` of body in chunks, written
 * only as fast as the socket takes them; stops writing when the answer arrives or the socket closes.
 */
function rawRequest(port: number, headers: string, bodyBytes = 0, chunked = false): Promise<Exchange> {
  return new Promise((resolveExchange, reject) => {
    const socket: Socket = connect(port, '127.0.0.1');
    let answer = '';
    let sent = 0;
    let done = false;
    let closed = false;
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const finish = () => {
      if (done) return;
      done = true;
      const m = /^HTTP\/1\.1 (\d{3})([\s\S]*?)\r\n\r\n([\s\S]*)$/.exec(answer);
      if (!m) return reject(new Error(`no answer (${answer.slice(0, 80)})`));
      const body = /transfer-encoding: chunked/i.test(m[2]!) ? dechunk(m[3]!) : m[3]!;
      resolveExchange({
        status: Number(m[1]),
        body: Buffer.from(body, 'latin1').toString('utf8'),
        sent,
        closed,
      });
    };
    socket.on('data', (d) => {
      answer += d.toString('latin1');
    });
    socket.on('end', () => {
      closed = true;
      finish();
    });
    socket.on('close', () => {
      closed = true;
      finish();
    });
    socket.on('error', () => {
      closed = true;
      finish();
    });
    socket.write(headers);
    const pump = () => {
      while (!closed && sent < bodyBytes) {
        const piece = chunked
          ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')])
          : chunk;
        sent += chunk.length;
        if (!socket.write(piece)) return void socket.once('drain', pump);
      }
      if (chunked && !closed) socket.write('0\r\n\r\n');
    };
    pump();
    setTimeout(() => socket.destroy(), 20_000).unref();
  });
}

/** The body of a chunked HTTP answer. */
function dechunk(text: string): string {
  let out = '';
  let rest = text;
  for (;;) {
    const eol = rest.indexOf('\r\n');
    const size = parseInt(rest.slice(0, eol), 16);
    if (!size) return out;
    out += rest.slice(eol + 2, eol + 2 + size);
    rest = rest.slice(eol + 2 + size + 2);
  }
}

const headersFor = (port: number, token: string, extra: string) =>
  `POST /api/projects.create HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${TOKEN_HEADER}: ${token}\r\ncontent-type: application/json\r\n${extra}\r\n`;

describe('oversized bodies on the bridge', () => {
  test('a Content-Length of 200 MB is answered 413 at once, with no byte of the body sent', async () => {
    const { bridge, file } = await bridgeWith();
    const before = logicalHash(file);
    const rss = process.memoryUsage().rss;
    const started = Date.now();
    const reply = await rawRequest(
      bridge.port,
      headersFor(bridge.port, bridge.token, 'content-length: 209715200\r\n'),
    );
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body)).toEqual({
      ok: false,
      error: { code: 'invalid_input', reason: 'too_large' },
    });
    expect(reply.closed).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(process.memoryUsage().rss - rss).toBeLessThan(64 * 1024 * 1024);
    expect(logicalHash(file)).toBe(before);
    // The limit itself: one byte over is refused the same way.
    const over = await rawRequest(
      bridge.port,
      headersFor(bridge.port, bridge.token, `content-length: ${MAX_BODY + 1}\r\n`),
    );
    expect(over.status).toBe(413);
  });

  test('a chunked body past the limit: 413 as soon as it passes, reading stops, the connection closes', async () => {
    const limit = 1024 * 1024;
    const { bridge, file } = await bridgeWith(limit);
    const before = logicalHash(file);
    const reply = await rawRequest(
      bridge.port,
      headersFor(bridge.port, bridge.token, 'transfer-encoding: chunked\r\n'),
      64 * limit, // the client would send 64 MB
      true,
    );
    expect(reply.status).toBe(413);
    expect(reply.closed).toBe(true);
    // Only the limit and what the sockets' buffers hold got through, not the 64 MB.
    expect(reply.sent).toBeLessThan(limit + 16 * 1024 * 1024);
    expect(logicalHash(file)).toBe(before);

    // The bridge goes on serving; a body within the limit is read.
    const body = JSON.stringify({ name: '正常的项目' });
    const fine = await rawRequest(
      bridge.port,
      headersFor(
        bridge.port,
        bridge.token,
        `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n`,
      ) + body,
    );
    expect(fine.status).toBe(200);
    expect(JSON.parse(fine.body)).toMatchObject({ ok: true, value: { name: '正常的项目' } });
  });

  test('a body that is longer than its Content-Length claims is not read past the claim', async () => {
    const { bridge } = await bridgeWith(1024);
    const body = JSON.stringify({ name: 'x'.repeat(2000) });
    const reply = await rawRequest(
      bridge.port,
      headersFor(bridge.port, bridge.token, `content-length: ${Buffer.byteLength(body)}\r\n`) + body,
    );
    expect(reply.status).toBe(413);
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { CORE_RESPONSE_BYTES_MAX, createCoreClient } from './core-client';

const TOKEN = 's'.repeat(40);
let server: Server;
let url: string;
const seen: { auth: string | undefined; body: string }[] = [];

/** A tiny stand-in for core's internal endpoint: it answers per path, to test the transport only. */
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      seen.push({ auth: req.headers.authorization, body });
      if (req.headers.authorization !== `Bearer ${TOKEN}`) return void res.writeHead(401).end();
      if (req.url === '/echo') return void res.writeHead(200).end(body);
      if (req.url === '/garbage') return void res.writeHead(200).end('not json');
      if (req.url === '/huge') return void res.writeHead(200).end(JSON.stringify('x'.repeat(CORE_RESPONSE_BYTES_MAX)));
      res.writeHead(422).end(JSON.stringify({ reject: 'nope' }));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

test('posts JSON with the service token and returns status and body', async () => {
  const core = createCoreClient({ url, serviceToken: TOKEN });
  expect(await core.post('/echo', { a: 1 })).toEqual({ ok: true, status: 200, body: { a: 1 } });
  expect(await core.post('/other', {})).toEqual({ ok: true, status: 422, body: { reject: 'nope' } });
  expect(seen[0]).toEqual({ auth: `Bearer ${TOKEN}`, body: '{"a":1}' });
});

test('a refused token, garbage, an oversized answer and a dead core are typed failures', async () => {
  expect(await createCoreClient({ url, serviceToken: 'wrong' }).post('/echo', {})).toEqual({
    ok: false,
    failure: 'unauthorized',
  });
  const core = createCoreClient({ url, serviceToken: TOKEN });
  expect(await core.post('/garbage', {})).toEqual({ ok: false, failure: 'bad_response' });
  expect(await core.post('/huge', {})).toEqual({ ok: false, failure: 'bad_response' });
  const dead = createCoreClient({ url: 'http://127.0.0.1:1', serviceToken: TOKEN });
  expect(await dead.post('/echo', {})).toEqual({ ok: false, failure: 'unreachable' });
});

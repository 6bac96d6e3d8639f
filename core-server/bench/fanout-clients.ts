/**
 * Worker thread of the fan-out benchmark: many lightweight WebSocket clients over raw TCP.
 * A client does the RFC 6455 handshake, sends one masked subscribe frame, then only parses
 * frame headers to count text frames (and, in latency mode, reads `"seq":` of each frame).
 * Both servers face the same clients, so the client cost is equal and as small as it can be.
 */
import { connect, type Socket } from 'node:net';
import { parentPort } from 'node:worker_threads';

export type ToWorker =
  | { type: 'connect'; port: number; path: string; count: number; subscribe: string | null; initialFrames: number }
  | { type: 'measure'; on: boolean }
  | { type: 'latency'; samplesMax: number; prefix: string }
  | { type: 'collect' }
  | { type: 'close' };
export type FromWorker =
  | { type: 'connected' }
  | { type: 'progress'; min: number; total: number }
  | { type: 'samples'; seqs: Int32Array; recvNs: Float64Array; count: number }
  | { type: 'closed' };

/** How often a worker reports its counts while measuring; bounds the publisher's view of progress. */
const PROGRESS_MS = 5;
const HANDSHAKE_END = Buffer.from('\r\n\r\n');
const SEQ_KEY = Buffer.from('"seq":');

type Client = { socket: Socket; upgraded: boolean; carry: Buffer | undefined; frames: number };

const port = parentPort;
if (port === null) throw new Error('fanout-clients runs as a worker thread');
let clients: Client[] = [];
let initialFrames = 0;
let progressTimer: ReturnType<typeof setInterval> | undefined;
let latency: { seqs: Int32Array; recvNs: Float64Array; count: number; prefix: Buffer } | undefined;

const post = (m: FromWorker) => port.postMessage(m);

port.on('message', (m: ToWorker) => {
  if (m.type === 'connect') openClients(m);
  else if (m.type === 'measure') setMeasuring(m.on);
  else if (m.type === 'latency') {
    latency = {
      seqs: new Int32Array(m.samplesMax),
      recvNs: new Float64Array(m.samplesMax),
      count: 0,
      prefix: Buffer.from(m.prefix),
    };
  } else if (m.type === 'collect') collect();
  else closeAll();
});

function openClients(m: Extract<ToWorker, { type: 'connect' }>): void {
  initialFrames = m.initialFrames;
  let ready = 0;
  const onReady = () => {
    ready += 1;
    if (ready === m.count) post({ type: 'connected' });
  };
  for (let i = 0; i < m.count; i++) {
    const socket = connect(m.port, '127.0.0.1');
    socket.setNoDelay(true);
    const c: Client = { socket, upgraded: false, carry: undefined, frames: 0 };
    let announced = false;
    socket.on('data', (chunk: Buffer) => {
      onData(c, chunk, m.subscribe);
      if (!announced && c.upgraded && c.frames >= initialFrames) {
        announced = true;
        onReady();
      }
    });
    socket.on('error', () => {});
    socket.write(
      `GET ${m.path} HTTP/1.1\r\nHost: 127.0.0.1:${m.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    clients.push(c);
  }
}

function onData(c: Client, chunk: Buffer, subscribe: string | null): void {
  let buf = c.carry ? Buffer.concat([c.carry, chunk]) : chunk;
  c.carry = undefined;
  if (!c.upgraded) {
    const end = buf.indexOf(HANDSHAKE_END);
    if (end < 0) {
      c.carry = buf;
      return;
    }
    if (!buf.subarray(0, 12).toString().includes('101')) throw new Error(`upgrade refused: ${buf.subarray(0, 40)}`);
    c.upgraded = true;
    if (subscribe !== null) c.socket.write(maskedTextFrame(subscribe));
    buf = buf.subarray(end + 4);
  }
  parseFrames(c, buf);
}

function parseFrames(c: Client, buf: Buffer): void {
  let i = 0;
  while (buf.length - i >= 2) {
    const short = (buf[i + 1] as number) & 0x7f;
    let header = 2;
    let length = short;
    if (short === 126) {
      if (buf.length - i < 4) break;
      length = buf.readUInt16BE(i + 2);
      header = 4;
    } else if (short === 127) {
      if (buf.length - i < 10) break;
      length = buf.readUInt32BE(i + 6);
      header = 10;
    }
    if (buf.length - i < header + length) break;
    if (((buf[i] as number) & 0x0f) === 1) {
      c.frames += 1;
      if (latency !== undefined) recordLatency(buf, i + header, i + header + length);
    }
    i += header + length;
  }
  if (i < buf.length) c.carry = Buffer.from(buf.subarray(i));
}

function recordLatency(buf: Buffer, start: number, end: number): void {
  const l = latency;
  if (l === undefined || l.count >= l.seqs.length) return;
  const recvNs = Number(process.hrtime.bigint());
  if (end - start < l.prefix.length || buf.compare(l.prefix, 0, l.prefix.length, start, start + l.prefix.length) !== 0)
    return;
  const at = buf.indexOf(SEQ_KEY, start);
  if (at < 0 || at >= end) return;
  let seq = 0;
  for (let j = at + SEQ_KEY.length; j < end; j++) {
    const d = (buf[j] as number) - 48;
    if (d < 0 || d > 9) break;
    seq = seq * 10 + d;
  }
  l.seqs[l.count] = seq;
  l.recvNs[l.count] = recvNs;
  l.count += 1;
}

/** Client frames must be masked (RFC 6455 §5.3); a zero key keeps the payload as is. */
function maskedTextFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  const head =
    payload.length < 126
      ? Buffer.from([0x81, 0x80 | payload.length])
      : Buffer.from([0x81, 0x80 | 126, payload.length >> 8, payload.length & 0xff]);
  return Buffer.concat([head, Buffer.alloc(4), payload]);
}

function setMeasuring(on: boolean): void {
  if (progressTimer) clearInterval(progressTimer);
  progressTimer = undefined;
  if (!on) return;
  const report = () => {
    let min = Number.POSITIVE_INFINITY;
    let total = 0;
    for (const c of clients) {
      const n = c.frames - initialFrames;
      min = Math.min(min, n);
      total += n;
    }
    post({ type: 'progress', min, total });
  };
  report();
  progressTimer = setInterval(report, PROGRESS_MS);
}

function collect(): void {
  const l = latency ?? { seqs: new Int32Array(0), recvNs: new Float64Array(0), count: 0 };
  latency = undefined;
  post({ type: 'samples', seqs: l.seqs, recvNs: l.recvNs, count: l.count });
}

function closeAll(): void {
  setMeasuring(false);
  for (const c of clients) c.socket.destroy();
  clients = [];
  post({ type: 'closed' });
}

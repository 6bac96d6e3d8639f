import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of PostgreSQL so that a test can make the database unreachable (close:
 * every connection cut, new ones refused), lose the answer to a COMMIT (muteRepliesFrom), and bring it back on
 * the same port.
 */
export class TcpProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private muteMarker: string | undefined;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async open(): Promise<void> {
    if (this.server !== undefined) return;
    const server = createServer((client) => {
      const upstream = connect(this.targetPort, this.targetHost);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      // Runs before the pipe forwards the chunk: its replies are already muted.
      client.on('data', (chunk: Buffer) => {
        const marker = this.muteMarker;
        if (marker === undefined || !chunk.toString('latin1').toLowerCase().includes(marker)) return;
        this.muteMarker = undefined;
        upstream.unpipe(client);
        upstream.on('data', () => {});
      });
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', resolve);
    });
    const address = server.address();
    if (address !== null && typeof address === 'object') this.port = address.port;
    this.server = server;
  }

  /**
   * The connection that next sends `marker` (case-insensitive; e.g. a value only a journal batch
   * carries) gets no replies from that message on: the batch's statement reaches the database and
   * commits (an autocommit INSERT commits at its Sync, in the same message), but its answer never
   * arrives (an unknown outcome once the connection is cut).
   */
  muteRepliesFrom(marker: string): void {
    this.muteMarker = marker.toLowerCase();
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    if (server !== undefined) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

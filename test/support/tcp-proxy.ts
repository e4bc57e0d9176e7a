import net from 'node:net';

interface Link {
  client: net.Socket;
  upstream: net.Socket | null;
  /** Bytes held while the network is partitioned, delivered when it heals (as TCP would retransmit them). */
  held: Array<{ to: 'upstream' | 'client'; data: Buffer }>;
  close(): void;
}

/**
 * A TCP proxy in front of a service (MariaDB, Redis), so a test can take the
 * service away from the hub and give it back without touching the real server
 * that other tests are using: `cut` as a crashed server (connections reset and
 * refused), `partition` as a network that silently stops carrying packets.
 */
export class TcpProxy {
  private server: net.Server | null = null;
  private readonly links = new Set<Link>();
  private down = false;
  private partitioned = false;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<number> {
    this.server = net.createServer((client) => {
      if (this.down) {
        client.destroy();
        return;
      }
      const link: Link = {
        client,
        upstream: null,
        held: [],
        close: () => {
          client.destroy();
          link.upstream?.destroy();
          this.links.delete(link);
        },
      };
      this.links.add(link);
      client.on('error', link.close).on('close', link.close);
      client.on('data', (data: Buffer) => this.forward(link, 'upstream', data));
      // During a partition the connection is accepted but nothing reaches the server until it heals.
      if (!this.partitioned) this.connectUpstream(link);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this.port;
  }

  private connectUpstream(link: Link): void {
    const upstream = net.connect(this.targetPort, this.targetHost);
    link.upstream = upstream;
    upstream.on('error', link.close).on('close', link.close);
    upstream.on('data', (data: Buffer) => this.forward(link, 'client', data));
    this.flush(link);
  }

  private forward(link: Link, to: 'upstream' | 'client', data: Buffer): void {
    if (this.partitioned || !link.upstream) link.held.push({ to, data });
    else (to === 'upstream' ? link.upstream : link.client).write(data);
  }

  private flush(link: Link): void {
    const held = link.held;
    link.held = [];
    for (const { to, data } of held) this.forward(link, to, data);
  }

  /** Drops every open connection and refuses new ones, as a crashed or restarting server would. */
  cut(): void {
    this.down = true;
    for (const link of [...this.links]) link.close();
  }

  /** The network stops carrying packets: connections stay open and new ones are accepted, but nothing arrives (no reset, no refusal). */
  partition(): void {
    this.partitioned = true;
  }

  /** Ends a cut or a partition: what was held is delivered, new connections reach the server. */
  restore(): void {
    this.down = false;
    if (!this.partitioned) return;
    this.partitioned = false;
    for (const link of [...this.links]) {
      if (link.upstream) this.flush(link);
      else this.connectUpstream(link);
    }
  }

  async stop(): Promise<void> {
    this.partitioned = false;
    this.cut();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

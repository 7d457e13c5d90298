// A TCP proxy a fault test puts between the app and a service (PostgreSQL, the PGlite socket
// server, the Upstash bridge), then cuts, freezes or restores:
//   cut()     – stop listening and drop every connection (the server crashed or was stopped);
//   freeze()  – keep every connection open and accept new ones, but forward nothing in either
//               direction (the server hangs: SIGSTOP, a saturated host, a black-holed network);
//   restore() – listen again on the same port / resume forwarding what was held back.
import net from "node:net";

export interface TcpProxy {
  readonly port: number;
  /** A copy of `url` (postgres://…, http://…) with its host and port pointing at the proxy. */
  via(url: string): string;
  cut(): Promise<void>;
  freeze(): void;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket | null }>();
  let server: net.Server | null = null;
  let port = 0;
  let frozen = false;
  const waiting: (() => void)[] = [];

  const connectUpstream = (pair: { client: net.Socket; upstream: net.Socket | null }) => {
    if (pair.client.destroyed) return;
    const upstream = net.connect(target.port, target.host);
    pair.upstream = upstream;
    const drop = () => {
      pair.client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    for (const socket of [pair.client, upstream]) {
      socket.on("error", drop);
      socket.on("close", drop);
    }
    pair.client.pipe(upstream).pipe(pair.client);
    pair.client.resume();
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const next = net.createServer({ pauseOnConnect: true }, (client) => {
        const pair = { client, upstream: null as net.Socket | null };
        pairs.add(pair);
        client.on("error", () => {
          pair.upstream?.destroy();
          pairs.delete(pair);
        });
        if (frozen) waiting.push(() => connectUpstream(pair));
        else connectUpstream(pair);
      });
      next.once("error", reject);
      next.listen(port, "127.0.0.1", () => {
        port = (next.address() as net.AddressInfo).port;
        server = next;
        resolve();
      });
    });

  const cut = async () => {
    const current = server;
    server = null;
    for (const pair of pairs) {
      pair.client.destroy();
      pair.upstream?.destroy();
    }
    pairs.clear();
    waiting.length = 0;
    await new Promise<void>((resolve) => (current ? current.close(() => resolve()) : resolve()));
  };

  await listen();
  return {
    get port() {
      return port;
    },
    via(url: string) {
      const parsed = new URL(url);
      parsed.hostname = "127.0.0.1";
      parsed.port = String(port);
      return parsed.toString();
    },
    cut,
    freeze() {
      frozen = true;
      for (const { client, upstream } of pairs) {
        if (!upstream) continue;
        client.unpipe(upstream);
        upstream.unpipe(client);
        client.pause();
        upstream.pause();
      }
    },
    async restore() {
      if (frozen) {
        frozen = false;
        for (const { client, upstream } of pairs) {
          if (!upstream) continue;
          client.pipe(upstream);
          upstream.pipe(client);
        }
        for (const start of waiting.splice(0)) start();
      }
      if (!server) await listen();
    },
    close: cut,
  };
}

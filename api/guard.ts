import type { IncomingMessage } from 'node:http';
import { hostname, networkInterfaces } from 'node:os';

/**
 * Same-machine safety (design.md section 8): the Host header must name this server (against DNS
 * rebinding), and a request that carries an Origin must come from an allowed origin, so a foreign web
 * page can neither read nor write. Requests without Origin (scripts, the SDK, the MLflow client) pass.
 */
export class RequestGuard {
  private readonly hosts: Set<string>;
  private readonly origins: Set<string>;

  constructor(options: { bindHost: string; allowHosts: readonly string[]; allowOrigins: readonly string[] }) {
    this.hosts = new Set(['localhost', '127.0.0.1', '[::1]', bracket(options.bindHost), ...options.allowHosts.map(bracket)].map((h) => h.toLowerCase()));
    // Bound to every interface on purpose: this machine's own names and addresses are fine too.
    if (options.bindHost === '0.0.0.0' || options.bindHost === '::') {
      this.hosts.add(hostname().toLowerCase());
      for (const addresses of Object.values(networkInterfaces())) {
        for (const a of addresses ?? []) this.hosts.add(bracket(a.address).toLowerCase());
      }
    }
    this.origins = new Set(options.allowOrigins.map((o) => o.replace(/\/+$/, '').toLowerCase()));
  }

  /** Adds an origin at run time (the dev server's, while `npm run dev` runs). */
  allowOrigin(origin: string): void {
    this.origins.add(origin.toLowerCase());
  }

  /** Returns why the request is refused, or undefined when it may go on. */
  check(req: IncomingMessage, needsOriginCheck: boolean): string | undefined {
    const host = req.headers.host;
    if (!host) return 'the Host header is missing';
    const name = hostName(host);
    if (!this.hosts.has(name)) {
      return `Host ${JSON.stringify(host)} is not allowed; start the server with --allow-host ${name} to accept it`;
    }
    const origin = req.headers.origin;
    if (!needsOriginCheck || origin === undefined) return undefined;
    const normalized = origin.toLowerCase();
    const own = [`http://${host.toLowerCase()}`, `https://${host.toLowerCase()}`];
    if (own.includes(normalized) || this.origins.has(normalized)) return undefined;
    return `Origin ${JSON.stringify(origin)} is not allowed; start the server with --allow-origin ${origin} to accept it`;
  }
}

/** "example.com:5000" -> "example.com"; "[::1]:5000" -> "[::1]". */
function hostName(host: string): string {
  const lower = host.toLowerCase();
  if (lower.startsWith('[')) return lower.slice(0, lower.indexOf(']') + 1);
  const colon = lower.lastIndexOf(':');
  return colon < 0 ? lower : lower.slice(0, colon);
}

const bracket = (h: string) => (h.includes(':') && !h.startsWith('[') ? `[${h}]` : h);

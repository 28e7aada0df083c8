import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';

/** Why a request is not served: the status to answer and a message that says what to change. */
export interface Refusal {
  status: 400 | 403;
  message: string;
}

/**
 * Same-machine safety, checked before any handler runs:
 *
 * - The request target and Host must be well formed: origin-form (`/path?query`), or absent-form's
 *   sibling absolute-form (`http://host/path`, which HTTP/1.1 servers must accept; its authority then
 *   stands for the Host, RFC 9112 3.2.2), and a Host that is a valid authority. Malformed: 400.
 * - The Host must name this server (against DNS rebinding): 403.
 * - On routes that read or write data, a request that carries an Origin must come from an allowed
 *   origin (a foreign page can neither read nor write; requests without Origin, from scripts, the SDK
 *   and the MLflow client, pass), and a GET or HEAD sent by a browser on behalf of another site or
 *   another port (`Sec-Fetch-Site: cross-site` or `same-site`, e.g. an `<img src>`) is refused too:
 *   such requests carry no Origin.
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

  /**
   * Validates the target and Host, and rewrites an absolute-form target to origin-form with its
   * authority as the Host, so every handler after this sees one well-formed shape.
   */
  normalize(req: IncomingMessage): Refusal | undefined {
    const target = req.url ?? '';
    if (/^https?:\/\//i.test(target)) {
      const absolute = /^https?:\/\/([^/?#]*)([^#]*)$/i.exec(target);
      const authority = absolute?.[1] ?? '';
      if (!isAuthority(authority)) return { status: 400, message: `the request target ${JSON.stringify(target.slice(0, 200))} is not a valid absolute URL` };
      req.headers.host = authority;
      const rest = absolute?.[2] ?? '';
      req.url = rest.startsWith('/') ? rest : `/${rest}`;
    } else if (!target.startsWith('/')) {
      return { status: 400, message: `the request target ${JSON.stringify(target.slice(0, 200))} must be a path starting with /` };
    }
    // `//host/x` would parse as a URL with another host: one leading slash is what clients mean.
    if (req.url?.startsWith('//')) req.url = req.url.replace(/^\/+/, '/');
    const host = req.headers.host;
    if (host === undefined) return { status: 400, message: 'the Host header is missing' };
    if (!isAuthority(host)) return { status: 400, message: `the Host header ${JSON.stringify(host.slice(0, 200))} is not a valid host[:port]` };
    return undefined;
  }

  /** Returns why a (normalized) request is refused, or undefined when it may go on. */
  check(req: IncomingMessage, isDataRoute: boolean): Refusal | undefined {
    const host = req.headers.host ?? '';
    const name = hostName(host);
    if (!this.hosts.has(name)) {
      return { status: 403, message: `Host ${JSON.stringify(host)} is not allowed; start the server with --allow-host ${name} to accept it` };
    }
    if (!isDataRoute) return undefined;
    const origin = req.headers.origin;
    if (origin !== undefined) {
      const normalized = origin.toLowerCase();
      const own = [`http://${host.toLowerCase()}`, `https://${host.toLowerCase()}`];
      if (!own.includes(normalized) && !this.origins.has(normalized)) {
        return { status: 403, message: `Origin ${JSON.stringify(origin)} is not allowed; start the server with --allow-origin ${origin} to accept it` };
      }
    }
    const site = req.headers['sec-fetch-site'];
    if ((req.method === 'GET' || req.method === 'HEAD') && site !== undefined && site !== 'same-origin' && site !== 'none') {
      return { status: 403, message: `a ${site} page may not read this route (Sec-Fetch-Site: ${site}); open it from trackline itself` };
    }
    return undefined;
  }
}

/** `host[:port]`: a DNS name, an IPv4 address or a bracketed IPv6 address, and a port 0-65535. */
function isAuthority(value: string): boolean {
  const match = /^(\[([0-9A-Fa-f:.]+)\]|[A-Za-z0-9._-]+)(?::(\d{1,5}))?$/.exec(value);
  if (!match) return false;
  if (match[2] !== undefined && isIP(match[2]) !== 6) return false;
  return match[3] === undefined || Number(match[3]) <= 65535;
}

/** "example.com:5000" -> "example.com"; "[::1]:5000" -> "[::1]". */
function hostName(host: string): string {
  const lower = host.toLowerCase();
  if (lower.startsWith('[')) return lower.slice(0, lower.indexOf(']') + 1);
  const colon = lower.lastIndexOf(':');
  return colon < 0 ? lower : lower.slice(0, colon);
}

const bracket = (h: string) => (h.includes(':') && !h.startsWith('[') ? `[${h}]` : h);

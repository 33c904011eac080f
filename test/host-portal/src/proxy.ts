import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';

// Hop-by-hop headers (RFC 9110 section 7.6.1) are never forwarded.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
]);

function forwardable(headers: IncomingMessage['headers']): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  }
  return out;
}

/**
 * Forwards `prefix/*` to `target/*` the way a host's gateway would, streaming both ways (server-sent
 * events included), so the plugin's API, bundle and redirect bridge are same-origin with the portal.
 */
export function createPluginProxy(prefix: string, target: URL) {
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const basePath = target.pathname.replace(/\/+$/, '');
  return (req: IncomingMessage, res: ServerResponse): void => {
    const rest = (req.url ?? '/').slice(prefix.length) || '/';
    const headers = forwardable(req.headers);
    headers['x-forwarded-host'] = req.headers.host ?? '';
    headers['x-forwarded-proto'] = 'http';
    headers['x-forwarded-prefix'] = prefix;
    headers['x-forwarded-for'] = req.socket.remoteAddress ?? '';
    const upstream = send(
      { protocol: target.protocol, hostname: target.hostname, port: target.port, method: req.method, path: basePath + rest, headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, forwardable(answer.headers));
        res.flushHeaders();
        answer.pipe(res);
      },
    );
    upstream.on('error', (error) => {
      if (res.headersSent) {
        res.destroy(error);
        return;
      }
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          code: 'INTERNAL',
          message: `The host portal cannot reach the Microsoft 365 plugin server at ${target.origin} (${(error as NodeJS.ErrnoException).code ?? error.message}). Is it running?`,
        }),
      );
    });
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  };
}

/**
 * A loopback HTTP proxy between the engine and Azurite that injects faults (platform.md: "There is no
 * Toxiproxy here; a small loopback proxy injects faults"): answer with a status (503…), reset the
 * connection before the response, cut a response body after N bytes, stall a body, or delay a request.
 * Used by tests only.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What to do with one request. */
export type Fault =
  | { kind: 'pass' }
  | { kind: 'delay'; ms: number }
  | { kind: 'status'; status: number }
  | { kind: 'reset' }
  | { kind: 'cut'; afterBytes: number }
  | { kind: 'stall'; afterBytes: number };

/** Decides the fault for a request (method, path with query, headers, running count); called once per request. */
export type FaultPlan = (req: { method: string; url: string; headers: http.IncomingHttpHeaders; n: number }) => Fault;

export interface FaultProxy {
  /** `http://127.0.0.1:<port>` + the target's path prefix, e.g. `/devstoreaccount1`. */
  endpoint: string;
  /** Requests seen so far, with the fault applied. */
  log: Array<{ method: string; url: string; fault: Fault['kind'] }>;
  setPlan(plan: FaultPlan): void;
  close(): Promise<void>;
}

/** Starts a proxy to `targetEndpoint` (e.g. Azurite's `http://127.0.0.1:port/devstoreaccount1`). */
export async function startFaultProxy(targetEndpoint: string, plan: FaultPlan = () => ({ kind: 'pass' })): Promise<FaultProxy> {
  const target = new URL(targetEndpoint);
  let current = plan;
  let n = 0;
  const log: FaultProxy['log'] = [];
  const sockets = new Set<Socket>();

  const forward = (req: http.IncomingMessage, res: http.ServerResponse, fault: Extract<Fault, { kind: 'pass' | 'cut' | 'stall' }>): void => {
    const upstream = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      if (fault.kind === 'pass') {
        up.pipe(res);
        return;
      }
      let sent = 0;
      up.on('data', (chunk: Buffer) => {
        if (sent >= fault.afterBytes) return;
        const take = chunk.subarray(0, Math.max(0, fault.afterBytes - sent));
        sent += take.length;
        if (sent >= fault.afterBytes) {
          up.destroy();
          // cut: destroy the socket only once the bytes before the cut have reached the client, so the
          // cut lands in the middle of the body (not before the response, which the SDK itself retries).
          // stall: the socket stays open and nothing more is sent.
          res.write(take, () => {
            if (fault.kind === 'cut') setTimeout(() => res.socket?.destroy(), 20);
          });
        } else if (take.length) res.write(take);
      });
      up.on('end', () => res.end());
    });
    upstream.on('error', () => res.socket?.destroy());
    req.pipe(upstream);
  };

  const server = http.createServer((req, res) => {
    const fault = current({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, n: n++ });
    log.push({ method: req.method ?? 'GET', url: req.url ?? '/', fault: fault.kind });
    switch (fault.kind) {
      case 'reset':
        req.socket.destroy();
        return;
      case 'status':
        req.resume();
        res.writeHead(fault.status, { 'content-type': 'application/xml' });
        res.end('<?xml version="1.0" encoding="utf-8"?><Error><Code>ServerBusy</Code><Message>injected</Message></Error>');
        return;
      case 'delay':
        setTimeout(() => forward(req, res, { kind: 'pass' }), fault.ms);
        return;
      default:
        forward(req, res, fault);
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}${target.pathname.replace(/\/$/, '')}`,
    log,
    setPlan(p) {
      current = p;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/**
 * A tiny read-only Kubernetes API server on the loopback interface, for running real `kubectl get`
 * commands against synthesized objects: legacy discovery (/api, /apis, resource lists), and GET of
 * lists and single objects, cluster-wide or per namespace, with equality label selectors and
 * `metadata.name` / `metadata.namespace` field selectors. Nothing else (no watch, no Table).
 */
import * as http from 'http';
import { AddressInfo } from 'net';

/** An object as the server stores it. */
export interface ServedObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly labels?: Record<string, string> };
  readonly [key: string]: unknown;
}

/** One resource type the server knows. */
export interface ServedResource {
  readonly apiVersion: string;
  readonly kind: string;
  /** Plural resource name, e.g. `networkpolicies`. */
  readonly plural: string;
  readonly namespaced: boolean;
}

/** A running server; `close()` stops it. */
export interface FakeApiServer {
  readonly url: string;
  /** Every request path seen, for assertions. */
  readonly requests: string[];
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1 (an ephemeral port) serving `objects` of the `resources` types. */
export async function startFakeApiServer(resources: readonly ServedResource[], objects: readonly ServedObject[]): Promise<FakeApiServer> {
  const requests: string[] = [];
  const byGroupVersion = new Map<string, ServedResource[]>();
  for (const r of resources) byGroupVersion.set(r.apiVersion, [...(byGroupVersion.get(r.apiVersion) ?? []), r]);
  const send = (res: http.ServerResponse, code: number, body: unknown) => {
    res.writeHead(code, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const notFound = (res: http.ServerResponse, message: string) =>
    send(res, 404, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'NotFound', code: 404 });

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    if (req.method !== 'GET') return send(res, 405, { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 405, message: 'read-only' });
    const parts = url.pathname.split('/').filter(Boolean);
    if (url.pathname === '/api') return send(res, 200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }] });
    if (url.pathname === '/apis') {
      const groups = [...byGroupVersion.keys()].filter((gv) => gv.includes('/')).sort();
      return send(res, 200, {
        kind: 'APIGroupList',
        apiVersion: 'v1',
        groups: groups.map((gv) => {
          const [name, version] = gv.split('/');
          return { name, versions: [{ groupVersion: gv, version }], preferredVersion: { groupVersion: gv, version } };
        }),
      });
    }
    const core = parts[0] === 'api';
    const gv = core ? parts[1] : `${parts[1]}/${parts[2]}`;
    const rest = parts.slice(core ? 2 : 3);
    const served = byGroupVersion.get(gv);
    if (!served || (core ? parts.length < 2 : parts.length < 3)) return notFound(res, `no API ${url.pathname}`);
    if (rest.length === 0) {
      return send(res, 200, {
        kind: 'APIResourceList',
        apiVersion: 'v1',
        groupVersion: gv,
        resources: served.map((r) => ({ name: r.plural, singularName: r.kind.toLowerCase(), namespaced: r.namespaced, kind: r.kind, verbs: ['get', 'list'] })),
      });
    }
    let namespace: string | undefined;
    let plural: string;
    let name: string | undefined;
    if (rest[0] === 'namespaces' && rest.length >= 3) [, namespace, plural, name] = rest;
    else [plural, name] = rest;
    const type = served.find((r) => r.plural === plural);
    if (!type) return notFound(res, `the server could not find the requested resource ${plural}`);
    const labels = (url.searchParams.get('labelSelector') ?? '').split(',').filter(Boolean);
    const fields = (url.searchParams.get('fieldSelector') ?? '').split(',').filter(Boolean);
    const matches = (o: ServedObject) =>
      o.apiVersion === type.apiVersion &&
      o.kind === type.kind &&
      (namespace === undefined || o.metadata.namespace === namespace) &&
      (name === undefined || o.metadata.name === name) &&
      labels.every((sel) => {
        const [k, v] = sel.split('=');
        const value = o.metadata.labels?.[k];
        return v === undefined ? value !== undefined : value === v;
      }) &&
      fields.every((sel) => {
        const [k, v] = sel.split('=');
        return (k === 'metadata.name' && o.metadata.name === v) || (k === 'metadata.namespace' && o.metadata.namespace === v);
      });
    const found = objects.filter(matches);
    if (name !== undefined) return found.length === 1 ? send(res, 200, found[0]) : notFound(res, `${plural} "${name}" not found`);
    return send(res, 200, { kind: `${type.kind}List`, apiVersion: type.apiVersion, metadata: { resourceVersion: '1' }, items: found });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

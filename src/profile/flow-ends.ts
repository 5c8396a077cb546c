/**
 * Both ends of a flow (issue 15): under default-deny, traffic between two namespaces hardline
 * manages passes only when the sender's namespace allows the egress and the receiver's allows
 * the ingress. A flow declared at one end only validates in Kubernetes and is then silently
 * dropped, so it is a located error here, naming both ends.
 *
 * The rule, per direction:
 * - An egress to pods of a managed namespace needs ingress there that admits all of it: an
 *   ingress flow whose podSelector is the egress peer's podSelector or a subset of it (it selects
 *   at least the pods the egress sends to), with a `from` peer in the sender's namespace whose
 *   podSelector is a subset of the egress's own podSelector, listing the egress port (same number
 *   or name, same protocol). Each port may be admitted by a different ingress flow.
 * - An ingress from pods of a managed namespace needs at least one egress there that sends to
 *   it: an egress flow to the receiving namespace whose selectors can select the same pods (no
 *   label key with two different values) and which shares a port.
 * Peers in external namespaces and IP blocks are not checked: hardline emits nothing there.
 */
import { ProfileProblem } from '../errors';
import { LocatedNamespace, problemAt } from './namespace-rules';
import { FlowPeerSpec, FlowPortSpec, FlowSpec, LabelsSpec } from './types';

/**
 * Every one-sided flow between managed namespaces. Flows `checked` refuses (those with problems
 * of their own) are not reported; they still count as the other end of a flow.
 */
export function flowEndProblems(namespaces: readonly LocatedNamespace[], checked: (flow: FlowSpec) => boolean = () => true): ProfileProblem[] {
  const byName = new Map(namespaces.map((n) => [n.spec.name, n]));
  const out: ProfileProblem[] = [];
  for (const { spec, origin } of namespaces) {
    (spec.allow?.egress ?? []).forEach((flow, i) => {
      if (flow.apiServer || !checked(flow)) return;
      (flow.to ?? []).forEach((peer, j) => {
        const target = podPeerNamespace(peer, spec.name);
        const receiver = target === undefined ? undefined : byName.get(target);
        if (!receiver) return;
        const ingress = receiver.spec.allow?.ingress ?? [];
        const unadmitted = (flow.ports ?? []).filter(
          (port) => !ingress.some((i) => admits(i, spec.name, receiver.spec.name, flow.podSelector, peer.podSelector) && hasPort(i, port)),
        );
        if (unadmitted.length === 0) return;
        out.push(
          problemAt(
            origin,
            `/allow/egress/${i}/to/${j}`,
            `egress "${flow.name}" from ${end(spec.name, flow.podSelector)} to ${end(receiver.spec.name, peer.podSelector)} on ${ports(unadmitted)} ` +
              `has no matching ingress in namespace "${receiver.spec.name}", so default-deny there drops it; declare an ingress flow in ` +
              `"${receiver.spec.name}" from namespace "${spec.name}"${selectorText(flow.podSelector, ' (podSelector ', ')')} ` +
              `on those ports${selectorText(peer.podSelector, ' for pods ', '')} (both ends of a flow are declared)`,
          ),
        );
      });
    });
    (spec.allow?.ingress ?? []).forEach((flow, i) => {
      if (!checked(flow)) return;
      (flow.from ?? []).forEach((peer, j) => {
        const source = podPeerNamespace(peer, spec.name);
        const sender = source === undefined ? undefined : byName.get(source);
        if (!sender) return;
        const sends = (sender.spec.allow?.egress ?? []).some(
          (e) =>
            !e.apiServer &&
            compatible(e.podSelector, peer.podSelector) &&
            (e.ports ?? []).some((p) => hasPort(flow, p)) &&
            (e.to ?? []).some((t) => podPeerNamespace(t, sender.spec.name) === spec.name && compatible(t.podSelector, flow.podSelector)),
        );
        if (sends) return;
        out.push(
          problemAt(
            origin,
            `/allow/ingress/${i}/from/${j}`,
            `ingress "${flow.name}" into ${end(spec.name, flow.podSelector)} from ${end(sender.spec.name, peer.podSelector)} on ${ports(flow.ports ?? [])} ` +
              `has no matching egress in namespace "${sender.spec.name}", so default-deny there never lets it out; declare an egress flow in ` +
              `"${sender.spec.name}" to namespace "${spec.name}" on one of those ports (both ends of a flow are declared)`,
          ),
        );
      });
    });
  }
  return out;
}

/** The namespace of a pod peer (its own namespace when it names pods only); undefined for an IP block. */
function podPeerNamespace(peer: FlowPeerSpec, own: string): string | undefined {
  if (peer.cidr !== undefined) return undefined;
  if (peer.namespace === undefined && peer.podSelector === undefined) return undefined;
  return peer.namespace ?? own;
}

/** Whether ingress flow `i` admits traffic from `senderPods` of `sender` to `targetPods` of its namespace. */
function admits(i: FlowSpec, sender: string, receiver: string, senderPods: LabelsSpec | undefined, targetPods: LabelsSpec | undefined): boolean {
  if (!subset(i.podSelector, targetPods)) return false;
  return (i.from ?? []).some((f) => podPeerNamespace(f, receiver) === sender && subset(f.podSelector, senderPods));
}

/** Whether every label of `a` is in `b` (pods matching `b` all match `a`). */
function subset(a: LabelsSpec | undefined, b: LabelsSpec | undefined): boolean {
  return Object.entries(a ?? {}).every(([k, v]) => b !== undefined && Object.prototype.hasOwnProperty.call(b, k) && b[k] === v);
}

/** Whether some pod can match both selectors (no key with two different values). */
function compatible(a: LabelsSpec | undefined, b: LabelsSpec | undefined): boolean {
  return Object.entries(a ?? {}).every(([k, v]) => b === undefined || !Object.prototype.hasOwnProperty.call(b, k) || b[k] === v);
}

function hasPort(flow: FlowSpec, port: FlowPortSpec): boolean {
  return (flow.ports ?? []).some((p) => p.port === port.port && (p.protocol ?? 'TCP') === (port.protocol ?? 'TCP'));
}

function end(namespace: string, pods: LabelsSpec | undefined): string {
  return `"${namespace}"${selectorText(pods, ' (pods ', ')')}`;
}

function selectorText(labels: LabelsSpec | undefined, before: string, after: string): string {
  const entries = Object.entries(labels ?? {});
  if (entries.length === 0) return '';
  return `${before}${entries.map(([k, v]) => `${k}=${v}`).join(', ')}${after}`;
}

function ports(list: readonly FlowPortSpec[]): string {
  return list.map((p) => `${p.protocol ?? 'TCP'} ${p.port}`).join(', ');
}

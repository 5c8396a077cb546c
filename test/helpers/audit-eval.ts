/**
 * Evaluates an audit.k8s.io/v1 Policy the way kube-apiserver does (staging/src/k8s.io/apiserver/
 * pkg/audit/policy/checker.go): the FIRST rule whose every set field matches the request decides
 * the level; no match means None.
 */

/** A request as the audit policy checker sees it. */
export interface AuditRequest {
  readonly user: string;
  readonly groups?: readonly string[];
  readonly verb: string;
  /** Resource requests: API group ('' = core), resource, optional subresource and namespace. */
  readonly group?: string;
  readonly resource?: string;
  readonly subresource?: string;
  readonly namespace?: string;
  readonly name?: string;
  /** Non-resource requests: the URL path. */
  readonly path?: string;
}

/** The rule fields the checker reads. */
export interface EvalRule {
  readonly level: string;
  readonly users?: readonly string[];
  readonly userGroups?: readonly string[];
  readonly verbs?: readonly string[];
  readonly namespaces?: readonly string[];
  readonly resources?: readonly { group?: string; resources?: readonly string[]; resourceNames?: readonly string[] }[];
  readonly nonResourceURLs?: readonly string[];
}

const LEVELS = ['None', 'Metadata', 'Request', 'RequestResponse'];

/** Orders audit levels: None < Metadata < Request < RequestResponse. */
export function levelRank(level: string): number {
  return LEVELS.indexOf(level);
}

/** The level the policy assigns to a request, and the index of the deciding rule (-1 when none). */
export function auditLevel(rules: readonly EvalRule[], req: AuditRequest): { level: string; rule: number } {
  const i = rules.findIndex((r) => ruleMatches(r, req));
  return i < 0 ? { level: 'None', rule: -1 } : { level: rules[i].level, rule: i };
}

function nonEmpty<T>(xs: readonly T[] | undefined): xs is readonly T[] {
  return xs !== undefined && xs.length > 0;
}

function ruleMatches(r: EvalRule, req: AuditRequest): boolean {
  if (nonEmpty(r.users) && !r.users.includes(req.user)) return false;
  if (nonEmpty(r.userGroups) && !(req.groups ?? []).some((g) => r.userGroups!.includes(g))) return false;
  if (nonEmpty(r.verbs) && !r.verbs.includes(req.verb)) return false;
  const isResource = req.resource !== undefined;
  if (!isResource) {
    // A non-resource request matches rules without resources/namespaces and, if set, a URL pattern.
    if (nonEmpty(r.resources) || nonEmpty(r.namespaces)) return false;
    if (!nonEmpty(r.nonResourceURLs)) return true;
    return r.nonResourceURLs.some((u) => u === '*' || u === req.path || (u.endsWith('*') && (req.path ?? '').startsWith(u.slice(0, -1))));
  }
  if (nonEmpty(r.nonResourceURLs)) return false;
  if (nonEmpty(r.namespaces) && !r.namespaces.includes(req.namespace ?? '')) return false;
  if (!nonEmpty(r.resources)) return true;
  const combined = req.subresource ? `${req.resource}/${req.subresource}` : req.resource!;
  return r.resources.some((gr) => {
    if ((gr.group ?? '') !== (req.group ?? '')) return false;
    const resOk =
      !nonEmpty(gr.resources) ||
      gr.resources.some(
        (x) =>
          x === combined ||
          x === '*' ||
          (x === `${req.resource}/*` && req.subresource !== undefined) ||
          (x.startsWith('*/') && req.subresource !== undefined && x.slice(2) === req.subresource),
      );
    if (!resOk) return false;
    return !nonEmpty(gr.resourceNames) || gr.resourceNames.includes(req.name ?? '');
  });
}

/**
 * Rules over the scope and approval record of a profile's exceptions: workloads, selector and
 * rules narrow only admission controls and must mean what they say; exceptions in production
 * carry who approved them and the ticket; a namespace-wide Pod Security exception in production
 * is acknowledged with `scope: namespace`. Every problem is located at the field.
 */
import { labelProblem } from '../../constructs/_labels';
import {
  ADMISSION_LIFTS,
  ExceptableRule,
  isWorkloadScoped,
  POD_SECURITY_CONTROLS,
  workloadScopeProblem,
} from '../controls';
import { ProfileProblem } from '../errors';
import { LocatedException, LocatedNamespace, problemAt } from './namespace-rules';
import { escapePointer } from './yaml-source';

/** What the scope rules need to know besides the exceptions. */
export interface ExceptionScopeInputs {
  /** Declared namespaces (their tiers decide where an approval record is required). */
  readonly namespaces: readonly LocatedNamespace[];
  /** The admission rules an exception's `rules` may name (every rule of the rule model). */
  readonly rules: readonly ExceptableRule[];
  /** Whether the profile has `spec.admission` (the only layer that can narrow Pod Security to workloads). */
  readonly admission: boolean;
  /** The level each tier's namespaces enforce by default (`tiers.<tier>.podSecurity.enforce`). */
  readonly tierEnforce?: { readonly [tier: string]: string };
}

/** The levels a Pod Security exception lets Pod Security Admission go down to (it cannot exempt one workload). */
const LOWERED_TO: { readonly [control: string]: readonly string[] } = { 'HL-POD-001': ['baseline', 'privileged'], 'HL-POD-002': ['privileged'] };

/** A DNS-1123 subdomain: the names of Pods and Pod controllers. */
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** A ticket ID: letters, digits and `-_.#/:`, no spaces (`SEC-123`, `CHG0012345`, `#42`). */
const TICKET_ID = /^[A-Za-z0-9#][A-Za-z0-9._\-#/:]{0,199}$/;

/**
 * Text with what shows nothing removed: whitespace, controls, format characters (zero-width
 * spaces, joiners, BOM, bidi marks), lone combining marks and the blank "letters" — the same set
 * the exception validator (issue 13) ignores in reasons and owners.
 */
export function visibleText(text: string): string {
  return text.replace(/[\s\p{Cc}\p{Cf}\p{Z}\p{M}\u115F\u1160\u3164\uFFA0\u2800\u180E]/gu, '');
}

/** Every problem of the scopes and approval records of the exceptions. */
export function exceptionScopeProblems(exceptions: readonly LocatedException[], inputs: ExceptionScopeInputs): ProfileProblem[] {
  const out: ProfileProblem[] = [];
  const tierOf = new Map(inputs.namespaces.map((n) => [n.spec.name, n.spec.tier ?? 'production']));
  for (const { exception: e, origin } of exceptions) {
    const at = (suffix: string, message: string) => out.push(problemAt(origin, suffix, message));
    const lifted = ADMISSION_LIFTS.get(e.control);
    const scoped = isWorkloadScoped(e);
    if (!lifted) {
      for (const field of ['workloads', 'selector', 'rules'] as const) {
        if (e[field] !== undefined) {
          at(`/${field}`, `${e.control} is relaxed per namespace; only admission controls (${[...ADMISSION_LIFTS.keys()].join(', ')}) can be narrowed to workloads or rules`);
        }
      }
      if (e.scope === 'workloads') at('/scope', `${e.control} is relaxed per namespace and cannot be narrowed to workloads`);
    } else {
      const problem = workloadScopeProblem(e);
      if (problem) at(`/${problem.field}`, problem.message);
      workloadProblems(e.workloads ?? [], at);
      for (const [key, value] of Object.entries(e.selector?.matchLabels ?? {})) {
        const bad = labelProblem(key, value);
        if (bad) at(`/selector/matchLabels/${escapePointer(key)}`, bad);
      }
      ruleProblems(e.control, e.rules ?? [], lifted, inputs.rules, at);
      if (scoped && POD_SECURITY_CONTROLS.includes(e.control) && !inputs.admission) {
        at(
          e.workloads ? '/workloads' : '/selector',
          'Pod Security Admission labels apply to a whole namespace; only the admission policies (spec.admission) can keep the other workloads ' +
            `of the namespace under ${e.control}. Add spec.admission, or make the exception namespace-wide with scope: namespace`,
        );
      }
      if (scoped && LOWERED_TO[e.control] && inputs.tierEnforce) {
        for (const n of inputs.namespaces.filter((x) => !e.namespaces || e.namespaces.includes(x.spec.name))) {
          const enforce = n.spec.podSecurity ?? inputs.tierEnforce[n.spec.tier ?? 'production'];
          if (enforce !== undefined && !LOWERED_TO[e.control].includes(enforce)) {
            at(
              e.workloads ? '/workloads' : '/selector',
              `namespace "${n.spec.name}" enforces ${enforce} through Pod Security Admission, which cannot exempt one workload, so this exception ` +
                `cannot take effect; set podSecurity: ${LOWERED_TO[e.control][0]} on the namespace (the admission policies keep ${enforce} for every workload the exception does not name)`,
            );
            break;
          }
        }
      }
    }
    const prod = (e.namespaces ?? [...tierOf.keys()]).filter((ns) => tierOf.get(ns) === 'production');
    approvalProblems(e, prod, at);
    if (prod.length > 0 && POD_SECURITY_CONTROLS.includes(e.control) && !scoped && e.scope === undefined) {
      at(
        '',
        `this ${e.control} exception lifts Pod Security for every workload of production namespace "${prod[0]}", now and in the future; ` +
          'narrow it with workloads or selector (and rules), or acknowledge the namespace-wide scope with scope: namespace',
      );
    }
  }
  out.push(...overlapProblems(exceptions, [...tierOf.keys()]));
  return out;
}

function workloadProblems(workloads: readonly { kind: string; name: string }[], at: (suffix: string, message: string) => void): void {
  const seen = new Set<string>();
  workloads.forEach((w, i) => {
    if (w.name.length > 253 || !SUBDOMAIN.test(w.name)) {
      at(`/workloads/${i}/name`, `"${w.name}" is not a Kubernetes object name (a DNS-1123 subdomain, no wildcards): name the ${w.kind} exactly`);
    }
    const key = `${w.kind}/${w.name}`;
    if (seen.has(key)) at(`/workloads/${i}`, `${key} is listed twice`);
    seen.add(key);
  });
}

function ruleProblems(
  control: string,
  rules: readonly string[],
  lifted: readonly string[],
  catalog: readonly ExceptableRule[],
  at: (suffix: string, message: string) => void,
): void {
  const valid = catalog.filter((r) => lifted.includes(r.control)).map((r) => r.id);
  const seen = new Set<string>();
  rules.forEach((id, i) => {
    if (seen.has(id)) at(`/rules/${i}`, `rule "${id}" is listed twice`);
    else if (!valid.includes(id)) {
      const known = catalog.find((r) => r.id === id);
      at(
        `/rules/${i}`,
        known
          ? `rule "${id}" implements ${known.control}, which an exception for ${control} does not lift; except ${known.control} instead`
          : `unknown rule "${id}" for ${control}; its rules are ${[...valid].sort().join(', ')}`,
      );
    }
    seen.add(id);
  });
}

function approvalProblems(
  e: LocatedException['exception'],
  production: readonly string[],
  at: (suffix: string, message: string) => void,
): void {
  const required = production.length > 0;
  const where = required ? ` (required: it applies to production namespace "${production[0]}")` : '';
  if (e.approvedBy === undefined ? required : visibleText(e.approvedBy) === '') {
    at('/approvedBy', `must name who approved the exception${where}, e.g. approvedBy: ciso@acme.example`);
  } else if (e.approvedBy !== undefined && visibleText(e.approvedBy).toLowerCase() === visibleText(e.owner).toLowerCase()) {
    at('/approvedBy', `the owner "${e.owner}" cannot approve its own exception; name a separate approver`);
  }
  if (e.ticket === undefined ? required : visibleText(e.ticket) === '') {
    at('/ticket', `must name the approval record${where}: a ticket ID (SEC-123) or an https URL`);
  } else if (e.ticket !== undefined && !ticketIsValid(e.ticket)) {
    at('/ticket', `"${e.ticket}" is neither a ticket ID (letters, digits and -_.#/:, no spaces) nor an https URL`);
  }
}

/** Whether a ticket is an ID or an http(s) URL with a host. */
export function ticketIsValid(ticket: string): boolean {
  if (/^https?:\/\//i.test(ticket)) {
    try {
      const url = new URL(ticket);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '' && !/\s/.test(ticket);
    } catch {
      return false;
    }
  }
  return TICKET_ID.test(ticket) && !ticket.includes('://');
}

/**
 * A namespace-wide exception and a workload-scoped one for the same control in one namespace: the
 * wide one lifts every workload the narrow one names, so the narrow scope (and its approval)
 * would mean nothing. Reported at the narrow one.
 */
function overlapProblems(exceptions: readonly LocatedException[], declared: readonly string[]): ProfileProblem[] {
  const out: ProfileProblem[] = [];
  for (const narrow of exceptions) {
    if (!isWorkloadScoped(narrow.exception) || !ADMISSION_LIFTS.has(narrow.exception.control)) continue;
    const nsOf = (e: LocatedException) => e.exception.namespaces ?? declared;
    for (const wide of exceptions) {
      const w = wide.exception;
      if (w.control !== narrow.exception.control || isWorkloadScoped(w)) continue;
      if (w.rules && narrow.exception.rules && !narrow.exception.rules.some((r) => w.rules!.includes(r))) continue;
      const shared = nsOf(narrow).filter((ns) => nsOf(wide).includes(ns));
      if (shared.length === 0) continue;
      const line = wide.origin.source.locate(wide.origin.pointer).line;
      out.push(
        problemAt(
          narrow.origin,
          '',
          `a namespace-wide exception for ${w.control} (${wide.origin.source.file} line ${line}) already lifts it for every workload of "${shared[0]}", ` +
            'so this workload scope would mean nothing; remove the namespace-wide one (narrowest wins) or this one',
        ),
      );
    }
  }
  return out;
}

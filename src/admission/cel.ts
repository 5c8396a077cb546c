/**
 * CEL building blocks shared by the rules. Expressions read the variables below, so one
 * expression checks a Pod and every Pod controller the same way. Only functions both Kubernetes
 * CEL and @marcbachmann/cel-js support are used: `has`, optional selection (`a.?b.orValue(x)`),
 * `all`/`exists`, `in`, `startsWith`, `endsWith`, `matches`.
 */

/** A named CEL variable shared by every rule. */
export interface CelVariable {
  /** Variable name, read as `variables.<name>`. */
  readonly name: string;
  /** CEL expression. */
  readonly expression: string;
}

/**
 * Variables every policy declares, in dependency order. `podTemplate` is the Pod itself or the Pod
 * template of a controller (a CronJob's is two levels down).
 */
export const POD_VARIABLES: readonly CelVariable[] = [
  {
    name: 'podTemplate',
    expression:
      "object.kind == 'Pod' ? object : (object.kind == 'CronJob' ? object.spec.jobTemplate.spec.template : object.spec.template)",
  },
  { name: 'podSpec', expression: 'variables.podTemplate.spec' },
  {
    name: 'allContainers',
    expression:
      'variables.podSpec.?initContainers.orValue([]) + variables.podSpec.containers + variables.podSpec.?ephemeralContainers.orValue([])',
  },
];

/** A CEL list literal of single-quoted strings; refuses strings that cannot be written literally. */
export function celList(items: readonly string[]): string {
  for (const i of items) if (/['\\\n\r]/.test(i)) throw new Error(`"${i}" cannot be written into a CEL string literal`);
  return `[${items.map((i) => `'${i}'`).join(', ')}]`;
}

/** The optional securityContext of the Pod spec. */
export const POD_SC = 'variables.podSpec.?securityContext';
/** The optional securityContext of the container `c`. */
export const C_SC = 'c.?securityContext';

/** `body` (over container `c`) holds for every init, regular and ephemeral container. */
export const everyContainer = (body: string): string => `variables.allContainers.all(c, ${body})`;

/** `check` holds for the Pod securityContext and for every container's. */
export const podAndContainers = (check: (sc: string) => string): string => `${check(POD_SC)} && ${everyContainer(check(C_SC))}`;

/** True for a Pod with `spec.os.name: windows`. */
export const IS_WINDOWS = "variables.podSpec.?os.?name.orValue('') == 'windows'";

/** True for a Pod in a user namespace (`hostUsers: false`). */
export const IN_USER_NAMESPACE = 'variables.podSpec.?hostUsers.orValue(true) == false';

/** `exempt || body`, written only when the exemption applies. */
export const unless = (exempt: string | false, body: string): string => (exempt ? `${exempt} || (${body})` : body);

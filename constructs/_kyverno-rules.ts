/**
 * The admission rules as data: each rule's CEL expression lives here once and is rendered into
 * a Kyverno `ValidatingPolicy` (Kyverno 1.17+) or a `ClusterPolicy` CEL rule (Kyverno 1.13–1.16).
 * Expressions read the variables of `_kyverno-pod-match.ts`, so one expression checks Pods and
 * every Pod controller the same way. Only functions that both Kubernetes CEL and the CEL
 * evaluator of the tests support are used: `has`, optional field selection (`a.?b.orValue(x)`),
 * `all`/`exists`, `in`, `startsWith`, `endsWith`, `matches`.
 * @internal
 */
import {
  ADM_ALLOWED_REGISTRIES,
  ADM_IMAGE_PINNING,
  ADM_NO_DEFAULT_SA,
  ADM_NO_SECRET_ENV,
  ADM_PSS_BASELINE,
  ADM_PSS_RESTRICTED,
  ADM_REQUIRED_LABELS,
  ADM_RESOURCES,
  Control,
} from '../src/controls';

/** Profile-dependent inputs of the rules. @internal */
export interface RuleParams {
  /** Registry prefixes images may come from, e.g. `registry.acme.example` or `ghcr.io/acme`. */
  readonly allowedRegistries: readonly string[];
  /** Label keys every Pod (template) must carry with a non-empty value. */
  readonly requiredLabels: readonly string[];
}

/** Which tiers a rule applies to. @internal */
export type RuleScope = 'all-tiers' | 'digest-tiers';

/** One admission rule. @internal */
export interface AdmissionRule {
  /** Policy base name (kebab-case), as in the Kyverno library. */
  readonly name: string;
  /** `policies.kyverno.io/title`. */
  readonly title: string;
  /** `policies.kyverno.io/category`, as the Kyverno library writes it. */
  readonly category: string;
  /** `policies.kyverno.io/severity`, lower-case. */
  readonly severity: 'low' | 'medium' | 'high';
  /** `policies.kyverno.io/description`. */
  readonly description: string;
  /** The hardline control the rule implements. */
  readonly control: Control;
  /** Tiers the rule applies to. */
  readonly scope: RuleScope;
  /** The CEL expression: true admits, false rejects. */
  readonly expression: (p: RuleParams) => string;
  /** Message shown when the expression is false. */
  readonly message: (p: RuleParams) => string;
  /** Whether the rule needs profile input to exist (no registries → no registry rule). */
  readonly enabled?: (p: RuleParams) => boolean;
}

const BASELINE = 'Pod Security Standards (Baseline)';
const RESTRICTED = 'Pod Security Standards (Restricted)';
const BEST = 'Best Practices';
const OTHER = 'Other';

/** A CEL list literal of single-quoted strings (inputs are checked by the profile schema). */
export function celList(items: readonly string[]): string {
  for (const i of items) if (/['\\\n]/.test(i)) throw new Error(`"${i}" cannot be written into a CEL string literal`);
  return `[${items.map((i) => `'${i}'`).join(', ')}]`;
}

const SC = (x: string) => `${x}.?securityContext`;
const everyContainer = (body: string) => `variables.allContainers.all(c, ${body})`;
const podAndContainers = (check: (sc: string) => string) =>
  `${check(SC('variables.podSpec'))} && ${everyContainer(check(SC('c')))}`;

const BASELINE_CAPABILITIES = [
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE',
  'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
];
const SAFE_SYSCTLS = [
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.ping_group_range', 'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes', 'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_syncookies',
];
const SELINUX_TYPES = ['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t'];
const RESTRICTED_VOLUMES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];
const DIGEST = "'@sha256:[a-f0-9]{64}$'";

const rule = (r: Omit<AdmissionRule, 'scope'> & { scope?: RuleScope }): AdmissionRule => ({ scope: 'all-tiers', ...r });
const fixed = (text: string) => () => text;

/** Every admission rule, in a stable order. @internal */
export const ADMISSION_RULES: readonly AdmissionRule[] = [
  rule({
    name: 'disallow-privileged-containers', title: 'Disallow Privileged Containers', category: BASELINE, severity: 'high',
    control: ADM_PSS_BASELINE, description: 'Privileged mode disables most isolation; no container may ask for it.',
    expression: fixed(everyContainer(`${SC('c')}.?privileged.orValue(false) == false`)),
    message: fixed('Privileged mode is not allowed: unset securityContext.privileged or set it to false in every container.'),
  }),
  rule({
    name: 'disallow-host-namespaces', title: 'Disallow Host Namespaces', category: BASELINE, severity: 'high',
    control: ADM_PSS_BASELINE, description: 'Sharing the host network, PID or IPC namespace exposes the node to the Pod.',
    expression: fixed(['hostNetwork', 'hostPID', 'hostIPC'].map((f) => `variables.podSpec.?${f}.orValue(false) == false`).join(' && ')),
    message: fixed('hostNetwork, hostPID and hostIPC must be unset or false.'),
  }),
  rule({
    name: 'disallow-host-path', title: 'Disallow hostPath', category: BASELINE, severity: 'high',
    control: ADM_PSS_BASELINE, description: 'hostPath volumes give a Pod direct access to the node file system.',
    expression: fixed('variables.podSpec.?volumes.orValue([]).all(v, !has(v.hostPath))'),
    message: fixed('hostPath volumes are not allowed.'),
  }),
  rule({
    name: 'disallow-host-ports', title: 'Disallow hostPorts', category: BASELINE, severity: 'medium',
    control: ADM_PSS_BASELINE, description: 'Host ports bind the node network and bypass NetworkPolicies.',
    expression: fixed(everyContainer('c.?ports.orValue([]).all(p, p.?hostPort.orValue(0) == 0)')),
    message: fixed('hostPort must be unset or 0 in every container port.'),
  }),
  rule({
    name: 'disallow-host-process', title: 'Disallow hostProcess', category: BASELINE, severity: 'high',
    control: ADM_PSS_BASELINE, description: 'Windows HostProcess containers run with host access.',
    expression: fixed(podAndContainers((sc) => `${sc}.?windowsOptions.?hostProcess.orValue(false) == false`)),
    message: fixed('windowsOptions.hostProcess must be unset or false.'),
  }),
  rule({
    name: 'disallow-capabilities', title: 'Disallow Capabilities', category: BASELINE, severity: 'medium',
    control: ADM_PSS_BASELINE, description: 'Only the capabilities of the baseline standard may be added.',
    expression: fixed(everyContainer(`${SC('c')}.?capabilities.?add.orValue([]).all(a, a in ${celList(BASELINE_CAPABILITIES)})`)),
    message: fixed(`Added capabilities must be among ${BASELINE_CAPABILITIES.join(', ')}.`),
  }),
  rule({
    name: 'disallow-proc-mount', title: 'Disallow procMount', category: BASELINE, severity: 'medium',
    control: ADM_PSS_BASELINE, description: 'An Unmasked /proc exposes host information.',
    expression: fixed(everyContainer(`${SC('c')}.?procMount.orValue('Default') == 'Default'`)),
    message: fixed('securityContext.procMount must be unset or Default.'),
  }),
  rule({
    name: 'disallow-selinux', title: 'Disallow SELinux', category: BASELINE, severity: 'medium',
    control: ADM_PSS_BASELINE, description: 'Custom SELinux users, roles or types can lift the container confinement.',
    expression: fixed(
      podAndContainers(
        (sc) =>
          `${sc}.?seLinuxOptions.?type.orValue('') in ${celList(SELINUX_TYPES)} && ` +
          `${sc}.?seLinuxOptions.?user.orValue('') == '' && ${sc}.?seLinuxOptions.?role.orValue('') == ''`,
      ),
    ),
    message: fixed('seLinuxOptions.user and role must be unset and type one of container_t, container_init_t, container_kvm_t, container_engine_t.'),
  }),
  rule({
    name: 'restrict-apparmor-profiles', title: 'Restrict AppArmor', category: BASELINE, severity: 'medium',
    control: ADM_PSS_BASELINE, description: 'AppArmor may not be switched off (Unconfined), by field or annotation.',
    expression: fixed(
      `${podAndContainers((sc) => `${sc}.?appArmorProfile.?type.orValue('RuntimeDefault') != 'Unconfined'`)} && ` +
        "variables.podTemplate.?metadata.?annotations.orValue({}).all(k, !k.startsWith('container.apparmor.security.beta.kubernetes.io/') || " +
        "variables.podTemplate.metadata.annotations[k] == 'runtime/default' || variables.podTemplate.metadata.annotations[k].startsWith('localhost/'))",
    ),
    message: fixed('AppArmor profiles must be RuntimeDefault or Localhost (annotations: runtime/default or localhost/*).'),
  }),
  rule({
    name: 'restrict-seccomp', title: 'Restrict Seccomp', category: BASELINE, severity: 'medium',
    control: ADM_PSS_BASELINE, description: 'The seccomp profile may not be Unconfined.',
    expression: fixed(podAndContainers((sc) => `${sc}.?seccompProfile.?type.orValue('RuntimeDefault') != 'Unconfined'`)),
    message: fixed('seccompProfile.type must not be Unconfined.'),
  }),
  rule({
    name: 'restrict-sysctls', title: 'Restrict sysctls', category: BASELINE, severity: 'medium',
    control: ADM_PSS_BASELINE, description: 'Only namespaced, safe sysctls may be set.',
    expression: fixed(`variables.podSpec.?securityContext.?sysctls.orValue([]).all(s, s.name in ${celList(SAFE_SYSCTLS)})`),
    message: fixed(`sysctls must be among ${SAFE_SYSCTLS.join(', ')}.`),
  }),
  rule({
    name: 'disallow-privilege-escalation', title: 'Disallow Privilege Escalation', category: RESTRICTED, severity: 'medium',
    control: ADM_PSS_RESTRICTED, description: 'Containers must set allowPrivilegeEscalation to false.',
    expression: fixed(everyContainer(`${SC('c')}.?allowPrivilegeEscalation.orValue(true) == false`)),
    message: fixed('Every container must set securityContext.allowPrivilegeEscalation: false.'),
  }),
  rule({
    name: 'require-run-as-nonroot', title: 'Require runAsNonRoot', category: RESTRICTED, severity: 'medium',
    control: ADM_PSS_RESTRICTED, description: 'Containers must run as non-root, set at the Pod or the container level.',
    expression: fixed(
      everyContainer(`${SC('c')}.?runAsNonRoot.orValue(${SC('variables.podSpec')}.?runAsNonRoot.orValue(false)) == true`),
    ),
    message: fixed('runAsNonRoot must be true in the Pod securityContext or in every container, and never false.'),
  }),
  rule({
    name: 'require-run-as-non-root-user', title: 'Require Run As Non-Root User', category: RESTRICTED, severity: 'medium',
    control: ADM_PSS_RESTRICTED, description: 'runAsUser may not be 0 at the Pod or container level.',
    expression: fixed(podAndContainers((sc) => `${sc}.?runAsUser.orValue(1) != 0`)),
    message: fixed('runAsUser must not be 0.'),
  }),
  rule({
    name: 'disallow-capabilities-strict', title: 'Disallow Capabilities (Strict)', category: RESTRICTED, severity: 'medium',
    control: ADM_PSS_RESTRICTED, description: 'Containers drop ALL capabilities and may add back only NET_BIND_SERVICE.',
    expression: fixed(
      everyContainer(
        `'ALL' in ${SC('c')}.?capabilities.?drop.orValue([]) && ${SC('c')}.?capabilities.?add.orValue([]).all(a, a == 'NET_BIND_SERVICE')`,
      ),
    ),
    message: fixed('Every container must drop ALL capabilities and may add only NET_BIND_SERVICE.'),
  }),
  rule({
    name: 'restrict-seccomp-strict', title: 'Restrict Seccomp (Strict)', category: RESTRICTED, severity: 'medium',
    control: ADM_PSS_RESTRICTED, description: 'Every container runs with a RuntimeDefault or Localhost seccomp profile, set on it or on the Pod.',
    expression: fixed(
      everyContainer(
        `${SC('c')}.?seccompProfile.?type.orValue(${SC('variables.podSpec')}.?seccompProfile.?type.orValue('')) in ['RuntimeDefault', 'Localhost']`,
      ),
    ),
    message: fixed('seccompProfile.type must be RuntimeDefault or Localhost, on the Pod or on every container.'),
  }),
  rule({
    name: 'restrict-volume-types', title: 'Restrict Volume Types', category: RESTRICTED, severity: 'medium',
    control: ADM_PSS_RESTRICTED, description: 'Only ephemeral, projected and claim-backed volume types may be used.',
    expression: fixed(`variables.podSpec.?volumes.orValue([]).all(v, ${RESTRICTED_VOLUMES.map((t) => `has(v.${t})`).join(' || ')})`),
    message: fixed(`Volumes must be of type ${RESTRICTED_VOLUMES.join(', ')}.`),
  }),
  rule({
    name: 'restrict-image-registries', title: 'Restrict Image Registries', category: BEST, severity: 'medium',
    control: ADM_ALLOWED_REGISTRIES, description: 'Images may only come from the registries the profile allows.',
    enabled: (p) => p.allowedRegistries.length > 0,
    expression: (p) => everyContainer(`${celList(p.allowedRegistries.map((r) => `${r}/`))}.exists(r, c.image.startsWith(r))`),
    message: (p) => `Images must come from ${p.allowedRegistries.join(', ')}.`,
  }),
  rule({
    name: 'disallow-latest-tag', title: 'Disallow Latest Tag', category: BEST, severity: 'medium',
    control: ADM_IMAGE_PINNING, description: 'Images must name a tag other than latest, or a digest.',
    expression: fixed(everyContainer(`c.image.matches(${DIGEST}) || (c.image.matches(':[^/:@]+$') && !c.image.endsWith(':latest'))`)),
    message: fixed('Images need an explicit tag other than latest, or a digest.'),
  }),
  rule({
    name: 'require-image-digest', title: 'Require Images Referenced by Digest', category: OTHER, severity: 'medium',
    control: ADM_IMAGE_PINNING, description: 'Images must be pinned by sha256 digest.', scope: 'digest-tiers',
    expression: fixed(everyContainer(`c.image.matches(${DIGEST})`)),
    message: fixed('Images must be referenced by digest (image@sha256:...).'),
  }),
  rule({
    name: 'require-labels', title: 'Require Labels', category: BEST, severity: 'medium',
    control: ADM_REQUIRED_LABELS, description: 'Pods and Pod templates carry the labels the profile requires.',
    enabled: (p) => p.requiredLabels.length > 0,
    expression: (p) =>
      `${celList(p.requiredLabels)}.all(l, l in variables.podTemplate.?metadata.?labels.orValue({}) && ` +
      "variables.podTemplate.metadata.labels[l] != '')",
    message: (p) => `The labels ${p.requiredLabels.join(', ')} are required (on the Pod template for controllers).`,
  }),
  rule({
    name: 'require-pod-requests-limits', title: 'Require Limits and Requests', category: BEST, severity: 'medium',
    control: ADM_RESOURCES, description: 'Containers declare CPU and memory requests and a memory limit (ephemeral containers cannot).',
    expression: fixed(
      '(variables.podSpec.containers + variables.podSpec.?initContainers.orValue([])).all(c, ' +
        "'cpu' in c.?resources.?requests.orValue({}) && 'memory' in c.?resources.?requests.orValue({}) && " +
        "'memory' in c.?resources.?limits.orValue({}))",
    ),
    message: fixed('Every container and init container needs CPU and memory requests and a memory limit.'),
  }),
  rule({
    name: 'disallow-secrets-from-env-vars', title: 'Disallow Secrets from Env Vars', category: OTHER, severity: 'medium',
    control: ADM_NO_SECRET_ENV, description: 'Secrets are mounted as files, never read into environment variables (CIS 5.4.1).',
    expression: fixed(
      everyContainer(
        'c.?env.orValue([]).all(e, !has(e.valueFrom) || !has(e.valueFrom.secretKeyRef)) && c.?envFrom.orValue([]).all(e, !has(e.secretRef))',
      ),
    ),
    message: fixed('Secrets may not be used in env (secretKeyRef) or envFrom (secretRef); mount them as files.'),
  }),
  rule({
    name: 'restrict-default-serviceaccount', title: 'Restrict Default ServiceAccount', category: OTHER, severity: 'medium',
    control: ADM_NO_DEFAULT_SA, description: 'Pods name their own ServiceAccount instead of default (CIS 5.1.5).',
    expression: fixed("variables.podSpec.?serviceAccountName.orValue('default') != 'default'"),
    message: fixed('serviceAccountName must name a ServiceAccount other than default.'),
  }),
];

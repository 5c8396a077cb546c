/**
 * The Kubernetes Pod Security Standards (baseline and restricted) as a pure check of one pod
 * spec, the way Pod Security Admission evaluates it.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/
 */

/** One failed Pod Security rule. */
export interface PodSecurityFinding {
  /** The level whose rule failed. */
  readonly level: 'baseline' | 'restricted';
  /** Field path relative to the pod spec, e.g. `containers[0].securityContext.runAsNonRoot`. */
  readonly field: string;
  /** What must change, e.g. `container "app" must set securityContext.runAsNonRoot: true`. */
  readonly message: string;
}

/** Loosely typed JSON object. */
type Json = Record<string, any>;

const BASELINE_CAPABILITIES = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE',
  'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
]);
const SELINUX_TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);
const RESTRICTED_VOLUMES = new Set([
  'configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret',
]);
const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

/** A container of a pod spec with its field path. */
export interface PodContainer {
  /** The container. */
  readonly container: Json;
  /** Field path relative to the pod spec, e.g. `containers[0]`. */
  readonly at: string;
  /** Human name, e.g. `container "app"` or `init container "setup"`. */
  readonly label: string;
}

/** Every container of a pod spec (init, regular and ephemeral), with where it is. */
export function podContainers(spec: Json): PodContainer[] {
  return CONTAINER_LISTS.flatMap((list) =>
    ((spec[list] ?? []) as Json[]).map((container, i) => ({
      container,
      at: `${list}[${i}]`,
      label: `${list === 'containers' ? 'container' : list === 'initContainers' ? 'init container' : 'ephemeral container'} "${container.name}"`,
    })),
  );
}

/** Checks a pod spec (and its pod annotations) against a Pod Security level; empty when it passes. */
export function podSecurityFindings(
  spec: Json,
  level: 'privileged' | 'baseline' | 'restricted',
  annotations: Json = {},
): PodSecurityFinding[] {
  if (level === 'privileged') return [];
  const out: PodSecurityFinding[] = [...baselineFindings(spec, annotations)];
  if (level === 'restricted') out.push(...restrictedFindings(spec));
  return out;
}

function baselineFindings(spec: Json, annotations: Json): PodSecurityFinding[] {
  const out: PodSecurityFinding[] = [];
  const fail = (field: string, message: string) => out.push({ level: 'baseline', field, message });
  const podSc: Json = spec.securityContext ?? {};
  for (const host of ['hostNetwork', 'hostPID', 'hostIPC'] as const) {
    if (spec[host] === true) fail(host, `the pod must not set ${host}: true (host namespaces)`);
  }
  (spec.volumes ?? []).forEach((v: Json, i: number) => {
    if (v.hostPath !== undefined) fail(`volumes[${i}].hostPath`, `volume "${v.name}" must not be a hostPath volume`);
  });
  ((podSc.sysctls ?? []) as Json[]).forEach((s, i) => {
    if (!SAFE_SYSCTLS.has(s.name)) fail(`securityContext.sysctls[${i}]`, `sysctl "${s.name}" is not in the safe set`);
  });
  seccompUnconfined(podSc, 'securityContext', 'the pod', fail);
  seLinux(podSc, 'securityContext', 'the pod', fail);
  if (podSc.windowsOptions?.hostProcess === true) fail('securityContext.windowsOptions.hostProcess', 'the pod must not run as a Windows HostProcess');
  if (podSc.appArmorProfile?.type === 'Unconfined') fail('securityContext.appArmorProfile.type', 'the pod must not set AppArmor Unconfined');
  for (const [key, value] of Object.entries(annotations)) {
    if (key.startsWith('container.apparmor.security.beta.kubernetes.io/') && value === 'unconfined') {
      fail(`metadata.annotations.${key}`, `annotation ${key} must not be "unconfined"`);
    }
  }
  for (const { container: c, at, label } of podContainers(spec)) {
    const sc: Json = c.securityContext ?? {};
    if (sc.privileged === true) fail(`${at}.securityContext.privileged`, `${label} must not be privileged`);
    const added = ((sc.capabilities?.add ?? []) as string[]).filter((cap) => !BASELINE_CAPABILITIES.has(cap));
    if (added.length > 0) fail(`${at}.securityContext.capabilities.add`, `${label} must not add capabilities ${added.join(', ')}`);
    ((c.ports ?? []) as Json[]).forEach((p, i) => {
      if (p.hostPort) fail(`${at}.ports[${i}].hostPort`, `${label} must not use hostPort ${p.hostPort}`);
    });
    if (sc.procMount !== undefined && sc.procMount !== 'Default') fail(`${at}.securityContext.procMount`, `${label} must use the Default /proc mount`);
    if (sc.windowsOptions?.hostProcess === true) fail(`${at}.securityContext.windowsOptions.hostProcess`, `${label} must not run as a Windows HostProcess`);
    if (sc.appArmorProfile?.type === 'Unconfined') fail(`${at}.securityContext.appArmorProfile.type`, `${label} must not set AppArmor Unconfined`);
    seccompUnconfined(sc, `${at}.securityContext`, label, fail);
    seLinux(sc, `${at}.securityContext`, label, fail);
  }
  return out;
}

function seccompUnconfined(sc: Json, at: string, who: string, fail: (f: string, m: string) => void): void {
  if (sc.seccompProfile?.type === 'Unconfined') fail(`${at}.seccompProfile.type`, `${who} must not set seccompProfile Unconfined`);
}

function seLinux(sc: Json, at: string, who: string, fail: (f: string, m: string) => void): void {
  const se: Json | undefined = sc.seLinuxOptions;
  if (!se) return;
  if (se.type !== undefined && !SELINUX_TYPES.has(se.type)) fail(`${at}.seLinuxOptions.type`, `${who} must not set SELinux type "${se.type}"`);
  for (const f of ['user', 'role'] as const) {
    if (se[f]) fail(`${at}.seLinuxOptions.${f}`, `${who} must not set a custom SELinux ${f}`);
  }
}

function restrictedFindings(spec: Json): PodSecurityFinding[] {
  const out: PodSecurityFinding[] = [];
  const fail = (field: string, message: string) => out.push({ level: 'restricted', field, message });
  const podSc: Json = spec.securityContext ?? {};
  (spec.volumes ?? []).forEach((v: Json, i: number) => {
    const type = Object.keys(v).find((k) => k !== 'name');
    if (type !== undefined && type !== 'hostPath' && !RESTRICTED_VOLUMES.has(type)) {
      fail(`volumes[${i}].${type}`, `volume "${v.name}" must not be of type ${type}`);
    }
  });
  if (podSc.runAsNonRoot === false) fail('securityContext.runAsNonRoot', 'the pod must not set runAsNonRoot: false');
  if (podSc.runAsUser === 0) fail('securityContext.runAsUser', 'the pod must not run as user 0 (root)');
  const podSeccomp = podSc.seccompProfile?.type;
  for (const { container: c, at, label } of podContainers(spec)) {
    const sc: Json = c.securityContext ?? {};
    if (sc.allowPrivilegeEscalation !== false) {
      fail(`${at}.securityContext.allowPrivilegeEscalation`, `${label} must set securityContext.allowPrivilegeEscalation: false`);
    }
    if (sc.runAsNonRoot === false || (sc.runAsNonRoot === undefined && podSc.runAsNonRoot !== true)) {
      fail(`${at}.securityContext.runAsNonRoot`, `${label} must run as non-root (securityContext.runAsNonRoot: true, on the pod or the container)`);
    }
    if (sc.runAsUser === 0) fail(`${at}.securityContext.runAsUser`, `${label} must not run as user 0 (root)`);
    const seccomp = sc.seccompProfile?.type ?? podSeccomp;
    if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') {
      fail(`${at}.securityContext.seccompProfile.type`, `${label} must set seccompProfile.type RuntimeDefault or Localhost (on the pod or the container)`);
    }
    const caps: Json = sc.capabilities ?? {};
    if (!((caps.drop ?? []) as string[]).includes('ALL')) {
      fail(`${at}.securityContext.capabilities.drop`, `${label} must drop ALL capabilities (securityContext.capabilities.drop: [ALL])`);
    }
    // Capabilities outside the baseline set are already reported by the baseline rule.
    const added = ((caps.add ?? []) as string[]).filter((cap) => cap !== 'NET_BIND_SERVICE' && BASELINE_CAPABILITIES.has(cap));
    if (added.length > 0) fail(`${at}.securityContext.capabilities.add`, `${label} may add only NET_BIND_SERVICE, not ${added.join(', ')}`);
  }
  return out;
}

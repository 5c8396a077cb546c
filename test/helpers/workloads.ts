/** Workload manifests for check tests: a compliant Deployment and ways to break it. */

/** A digest-pinned image from a registry the default profile allows. */
export const PINNED_IMAGE = `ghcr.io/acme/api@sha256:${'0123456789abcdef'.repeat(4)}`;

/** The labels the default profile requires. */
export const REQUIRED_LABELS = { app: 'api', owner: 'payments', environment: 'production' };

/** A Deployment that passes every hardline check in a restricted production namespace of the default profile. */
export function compliantDeployment(namespace = 'payments', name = 'api'): Record<string, any> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { ...REQUIRED_LABELS, app: name } },
        spec: {
          serviceAccountName: name,
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [
            {
              name: 'app',
              image: PINNED_IMAGE,
              securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true },
              resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
            },
          ],
        },
      },
    },
  };
}

/** The same Deployment running as root (runAsUser 0, no runAsNonRoot). */
export function rootDeployment(namespace = 'payments', name = 'api'): Record<string, any> {
  const d = compliantDeployment(namespace, name);
  d.spec.template.spec.securityContext = { runAsUser: 0, seccompProfile: { type: 'RuntimeDefault' } };
  return d;
}

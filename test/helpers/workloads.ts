/** Workload manifests for check tests: a compliant Deployment and ways to break it. */

/** A Deployment that passes every hardline check in a restricted namespace. */
export function compliantDeployment(namespace = 'payments', name = 'api'): Record<string, any> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          serviceAccountName: name,
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [
            {
              name: 'app',
              image: 'registry.example/api:1.4.2',
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

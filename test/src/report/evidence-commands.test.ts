import { evidenceCommands, resourceOf } from '../../../src/report/evidence-commands';
import { ObjectEntry } from '../../../src/report/model';

const obj = (apiVersion: string, kind: string, name: string, namespace?: string, kustomize = true): ObjectEntry => ({
  kind, ...(namespace ? { namespace } : {}), name, file: `${namespace ?? 'cluster'}/${name}.yaml`, apiVersion, kustomize, controls: [], excepted: [], cis: [], soc2: [],
});

describe('evidence commands', () => {
  test('kubectl resource names: built-in plurals, custom resources qualified by group', () => {
    expect(resourceOf('networking.k8s.io/v1', 'NetworkPolicy')).toBe('networkpolicies');
    expect(resourceOf('v1', 'Namespace')).toBe('namespaces');
    expect(resourceOf('policy/v1', 'PodDisruptionBudget')).toBe('poddisruptionbudgets');
    expect(resourceOf('velero.io/v1', 'Schedule')).toBe('schedules.velero.io');
  });

  test('<objects> becomes one command per resource and namespace naming each object; control-plane files are left out', () => {
    const objects = [
      obj('rbac.authorization.k8s.io/v1', 'Role', 'deployer', 'payments'),
      obj('rbac.authorization.k8s.io/v1', 'Role', 'read-only', 'payments'),
      obj('rbac.authorization.k8s.io/v1', 'Role', 'read-only', 'checkout'),
      obj('rbac.authorization.k8s.io/v1', 'ClusterRole', 'reader'),
      obj('audit.k8s.io/v1', 'Policy', 'audit-policy', undefined, false),
    ];
    expect(evidenceCommands("kubectl get <objects> -o 'custom-columns=NAME:.metadata.name'", objects)).toEqual([
      "kubectl get clusterroles reader -o 'custom-columns=NAME:.metadata.name'",
      "kubectl get roles -n checkout read-only -o 'custom-columns=NAME:.metadata.name'",
      "kubectl get roles -n payments deployer read-only -o 'custom-columns=NAME:.metadata.name'",
    ]);
    expect(evidenceCommands('kubectl get validatingpolicies -l a=b', objects)).toEqual(['kubectl get validatingpolicies -l a=b']);
  });
});

import { AUDIT_LOG_RETENTION, AUDIT_POLICY, ENCRYPTION_AT_REST, NET_DEFAULT_DENY } from '../../../src/controls';
import { platformEvidence } from '../../../src/report/platform-evidence';

describe('platform evidence: the provider\'s own command for what a managed control plane provides', () => {
  test('the audit-log controls get the provider\'s read-only logging command, with the cluster name filled in', () => {
    expect(platformEvidence(AUDIT_POLICY, 'eks', 'storefront')).toEqual(['aws eks describe-cluster --name storefront --query cluster.logging']);
    expect(platformEvidence(AUDIT_LOG_RETENTION, 'gke', 'storefront')).toEqual(['gcloud container clusters describe storefront --format="value(loggingConfig)"']);
    expect(platformEvidence(AUDIT_POLICY, 'aks', 'storefront')).toEqual([
      `az monitor diagnostic-settings list --resource "$(az aks list --query "[?name=='storefront'].id" -o tsv)"`,
    ]);
  });

  test('encryption at rest: the EKS encryptionConfig and the GKE databaseEncryption setting; none claimed for AKS', () => {
    expect(platformEvidence(ENCRYPTION_AT_REST, 'eks', 'storefront')).toEqual(['aws eks describe-cluster --name storefront --query cluster.encryptionConfig']);
    expect(platformEvidence(ENCRYPTION_AT_REST, 'gke', 'storefront')).toEqual(['gcloud container clusters describe storefront --format="value(databaseEncryption)"']);
    expect(platformEvidence(ENCRYPTION_AT_REST, 'aks', 'storefront')).toEqual([]);
    expect(platformEvidence(ENCRYPTION_AT_REST, 'self-managed', 'storefront')).toEqual([]);
  });

  test('nothing for a self-managed control plane, or for a control the provider has no single setting for', () => {
    expect(platformEvidence(AUDIT_POLICY, 'self-managed', 'x')).toEqual([]);
    expect(platformEvidence(NET_DEFAULT_DENY, 'eks', 'x')).toEqual([]);
  });

  test('a name that is not a cloud cluster name stays a placeholder, never shell text', () => {
    for (const name of ['a.b', "x'; rm -rf / #", '$(id)', '-flag', '']) {
      expect(platformEvidence(AUDIT_POLICY, 'aks', name)[0]).toContain("[?name=='<cluster>']");
    }
  });
});

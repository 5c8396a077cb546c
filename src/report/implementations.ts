/**
 * Which construct implements which control. The layout test checks this list against the
 * construct sources, so it cannot drift.
 */
import { ControlImplementation } from './controls-markdown';

/** Construct class names per control ID; `native`: those under `spec.admission.engine: kubernetes`. */
export const IMPLEMENTATIONS: readonly ControlImplementation[] = [
  { control: 'HL-ADM-001', constructs: ['KyvernoPolicySet'], native: ['NativeAdmissionPolicySet'] },
  { control: 'HL-ADM-002', constructs: ['KyvernoPolicySet'], native: ['NativeAdmissionPolicySet'] },
  { control: 'HL-ADM-003', constructs: ['KyvernoPolicySet'], native: ['NativeAdmissionPolicySet'] },
  { control: 'HL-ADM-004', constructs: ['KyvernoPolicySet'], native: ['NativeAdmissionPolicySet'] },
  { control: 'HL-ADM-005', constructs: ['KyvernoPolicySet'], native: ['NativeAdmissionPolicySet'] },
  { control: 'HL-ADM-006', constructs: ['KyvernoPolicySet'], native: ['NativeAdmissionPolicySet'] },
  { control: 'HL-ADM-007', constructs: ['KyvernoPolicySet'], native: ['NativeAdmissionPolicySet'] },
  { control: 'HL-ADM-008', constructs: ['KyvernoPolicySet'], native: ['NativeAdmissionPolicySet'] },
  { control: 'HL-ADM-009', constructs: ['KyvernoPolicySet'], native: ['NativeAdmissionPolicySet'] },
  { control: 'HL-ADM-010', constructs: ['KyvernoTamperProtectionPolicy'], native: ['NativeTamperProtectionPolicy'] },
  { control: 'HL-IMG-001', constructs: ['KyvernoImageValidatingPolicy'], native: ['KyvernoImageValidatingPolicy'] },
  { control: 'HL-NET-001', constructs: ['DefaultDenyNetworkPolicy'] },
  { control: 'HL-NET-002', constructs: ['NetworkFlowPolicy'] },
  { control: 'HL-NET-003', constructs: ['NetworkFlowPolicy'] },
  { control: 'HL-NS-001', constructs: ['HardenedNamespace'] },
  { control: 'HL-POD-001', constructs: ['HardenedNamespace'] },
  { control: 'HL-POD-002', constructs: ['HardenedNamespace'] },
  { control: 'HL-POD-003', constructs: ['HardenedNamespace'] },
  { control: 'HL-RBAC-001', constructs: ['ScopedRole'] },
  { control: 'HL-RBAC-002', constructs: ['ScopedRole'] },
  { control: 'HL-RBAC-003', constructs: ['ScopedRole'] },
  { control: 'HL-RBAC-004', constructs: ['ScopedRole'] },
  { control: 'HL-RBAC-005', constructs: ['ScopedRoleBinding'] },
  { control: 'HL-RBAC-006', constructs: ['ScopedRoleBinding'] },
  { control: 'HL-RBAC-007', constructs: ['ScopedRoleBinding'] },
  { control: 'HL-RBAC-008', constructs: ['ScopedRoleBinding'] },
  { control: 'HL-RBAC-009', constructs: ['ScopedRole'] },
  { control: 'HL-SA-001', constructs: ['HardenedServiceAccount'] },
  { control: 'HL-SA-002', constructs: ['HardenedServiceAccount'] },
  { control: 'HL-AUD-001', constructs: ['AuditPolicy'] },
  { control: 'HL-AUD-002', constructs: ['AuditPolicy'] },
  { control: 'HL-ENC-001', constructs: ['EncryptionConfiguration'] },
  { control: 'HL-AVL-001', constructs: ['HardenedPodDisruptionBudget'] },
  { control: 'HL-BAK-001', constructs: ['VeleroBackupSchedule'] },
  { control: 'HL-QTA-001', constructs: ['NamespaceResourceQuota'] },
  { control: 'HL-QTA-002', constructs: ['ContainerLimitRange'] },
  { control: 'HL-QTA-003', constructs: ['NamespaceResourceQuota'] },
];

/**
 * Controls of the software supply chain: only images signed by the organisation's keys or build
 * identities are admitted.
 */
import { Control } from './types';

/** Images matching a signed-image pattern are admitted only when a cosign signature verifies. */
export const IMG_SIGNED_IMAGES: Control = {
  id: 'HL-IMG-001',
  title: 'Images matching a signing pattern are admitted only with a cosign signature from a declared public key or keyless identity',
  rationale:
    'A registry allow-list says where an image comes from, not who built it: anyone who can push to the registry ' +
    'can run code in the cluster. Verifying a cosign signature at admission, against the public keys or the ' +
    'keyless (Fulcio) issuer and subject of the release pipeline, admits only images that pipeline built and ' +
    'signed. Kyverno verifies the signatures; the native ValidatingAdmissionPolicy engine cannot.',
  evidence: 'kubectl get <objects> -o yaml',
  cis: [
    {
      ids: { '1.10': '5.5.1', '1.11': '5.5.1', '1.12': '5.5.1' },
      why: 'An admission webhook (Kyverno ImageValidatingPolicy) admits only images whose provenance (signature) verifies, the outcome 5.5.1 asks of ImagePolicyWebhook.',
    },
  ],
  soc2: [
    {
      id: 'CC8.1',
      why: 'Only images built and signed by the authorised release pipeline, after its change approval, reach the cluster.',
    },
    {
      id: 'CC6.8',
      why: 'Unsigned or tampered images, a route for unauthorised or malicious software, are refused at admission.',
    },
  ],
};

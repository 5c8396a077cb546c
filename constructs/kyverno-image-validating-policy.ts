import { ApiObject } from 'cdk8s';
import { PlainApiObject } from './_plain-api-object';
import { Construct } from 'constructs';
import { Control, ControlException, IMG_SIGNED_IMAGES } from '../src/controls';
import { annotateControls } from './_annotate-controls';
import { KyvernoEnforcement } from './_kyverno-enforcement';
import { NamespaceNameMatch, podResourceRules, resolvePolicyBasics } from './_kyverno-pod-match';

/** A keyless (Sigstore Fulcio) signing identity: the OIDC issuer and the certificate subject. */
export interface KeylessIdentity {
  /** OIDC issuer, matched exactly, e.g. `https://token.actions.githubusercontent.com`. */
  readonly issuer: string;
  /** Certificate subject (SAN), matched exactly, e.g. a workflow URL `...@refs/heads/main`. */
  readonly subject: string;
}

/** Properties for `KyvernoImageValidatingPolicy`. */
export interface KyvernoImageValidatingPolicyProps {
  /** Policy name (cluster-scoped, DNS-1123). */
  readonly name: string;
  /**
   * Image reference globs the policy verifies (`*` any characters, `?` one), matched against the image as
   * written in the Pod spec: `registry.acme.example/*`. Images matching none are left to the other rules.
   */
  readonly images: readonly string[];
  /**
   * PEM-encoded cosign public keys; an image signed by any one of them is admitted.
   *
   * @default - none (then `keyless` is required)
   * @see https://docs.sigstore.dev/cosign/verifying/verify/
   */
  readonly publicKeys?: readonly string[];
  /**
   * Keyless signing identities; an image signed by any one of them is admitted.
   *
   * @default - none (then `publicKeys` is required)
   */
  readonly keyless?: readonly KeylessIdentity[];
  /**
   * Values of the `hardline.dev/tier` namespace label the policy applies to.
   *
   * @default - every tier
   */
  readonly tiers?: readonly string[];
  /**
   * Whether unsigned images are denied or audited (and warned).
   *
   * @default KyvernoEnforcement.ENFORCE
   */
  readonly enforcement?: KyvernoEnforcement;
  /**
   * Select only the named namespaces of its tiers (`In`), or leave them out (`NotIn`), as
   * `KyvernoValidatingPolicyProps.namespaces` (a namespace-scoped HL-ADM-009 exception).
   *
   * @default - every namespace of its tiers
   */
  readonly namespaces?: NamespaceNameMatch;
  /**
   * Controls the policy implements besides HL-IMG-001 (HL-ADM-009 when it enforces, as the other admission policies).
   *
   * @default - none
   */
  readonly extraControls?: readonly Control[];
  /**
   * Exceptions that relaxed one of the controls for this policy (stamped on the object).
   *
   * @default - none
   */
  readonly exceptions?: readonly ControlException[];
}

const IMAGE_GLOB = /^[a-z0-9*?][a-z0-9.:/_@*?-]*$/;
const PEM_KEY = /^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+\n-----END PUBLIC KEY-----\n?$/;

/** The RE2 regular expression (CEL `matches`) of an image glob: `*` any run of characters, `?` one. */
export function imageGlobRegex(glob: string): string {
  const body = [...glob].map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : /[.\\+^$|()[\]{}]/.test(ch) ? `\\${ch}` : ch)).join('');
  return `^${body}$`;
}

/**
 * A Kyverno `policies.kyverno.io/v1` `ImageValidatingPolicy` (Kyverno 1.17+) that admits a Pod or Pod controller
 * in the namespaces of the given tiers only when every container, init container and ephemeral container image
 * matching `images` carries a cosign signature from one of the public keys or keyless identities.
 *
 * The validation filters the images by the same globs as `matchImageReferences`, so it never depends on how
 * Kyverno treats an unmatched image. hardline does not rewrite images (`mutateDigest: false`); digest pinning
 * is HL-ADM-004's job. Enforce becomes `validationActions: [Deny]`, Audit `[Audit, Warn]`. Implements HL-IMG-001.
 */
export class KyvernoImageValidatingPolicy extends Construct {
  /** The policy name. */
  public readonly name: string;
  /** Whether unsigned images are denied or audited. */
  public readonly enforcement: KyvernoEnforcement;
  /** Attestor names, in order (`key0`, `key1`, …, then `keyless`). */
  public readonly attestorNames: readonly string[];
  /** The CEL expression that decides admission (reads `variables` and calls `verifyImageSignatures`). */
  public readonly expression: string;
  /** The emitted ImageValidatingPolicy. */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: KyvernoImageValidatingPolicyProps) {
    super(scope, id);
    const images = [...new Set(props.images)].sort();
    if (images.length === 0) throw new Error(`ImageValidatingPolicy "${props.name}": images is empty, so it would verify nothing.`);
    for (const glob of images) {
      if (!IMAGE_GLOB.test(glob)) {
        throw new Error(`ImageValidatingPolicy "${props.name}": image pattern "${glob}" must be lower-case letters, digits and . : / _ @ - with * or ? wildcards.`);
      }
    }
    const keys = props.publicKeys ?? [];
    const keyless = props.keyless ?? [];
    if (keys.length === 0 && keyless.length === 0) {
      throw new Error(`ImageValidatingPolicy "${props.name}": give publicKeys or keyless identities; with neither no signature could verify.`);
    }
    keys.forEach((k, i) => {
      if (!PEM_KEY.test(k)) throw new Error(`ImageValidatingPolicy "${props.name}": publicKeys[${i}] is not a PEM "BEGIN PUBLIC KEY" block.`);
    });
    keyless.forEach((k, i) => {
      if (!/^https:\/\/\S+$/.test(k.issuer)) throw new Error(`ImageValidatingPolicy "${props.name}": keyless[${i}].issuer "${k.issuer}" must be an https:// OIDC issuer URL.`);
      if (!k.subject || /\s/.test(k.subject)) throw new Error(`ImageValidatingPolicy "${props.name}": keyless[${i}].subject must be a non-empty identity without spaces.`);
    });

    const r = resolvePolicyBasics({
      name: props.name,
      title: 'Require signed images',
      category: 'Software Supply Chain Security',
      severity: 'high',
      description: `Images matching ${images.join(', ')} must carry a cosign signature from a declared public key or keyless identity.`,
      tiers: props.tiers,
      enforcement: props.enforcement,
      namespaces: props.namespaces,
    });
    this.name = props.name;
    this.enforcement = r.enforcement;
    const attestors = [
      ...keys.map((data, i) => ({ name: `key${i}`, cosign: { key: { data } } })),
      ...(keyless.length > 0
        ? [{ name: 'keyless', cosign: { keyless: { identities: keyless.map((k) => ({ issuer: k.issuer, subject: k.subject })) } } }]
        : []),
    ];
    this.attestorNames = attestors.map((a) => a.name);
    // A CEL string literal: the regex's backslashes are escaped once more.
    const matching = images.map((g) => `i.matches('${imageGlobRegex(g).replace(/\\/g, '\\\\')}')`).join(' || ');
    const refs = this.attestorNames.map((n) => `attestors.${n}`).join(', ');
    this.expression =
      `variables.allContainers.map(c, c.image).filter(i, ${matching})` + `.all(i, verifyImageSignatures(i, [${refs}]) > 0)`;

    this.apiObject = new PlainApiObject(this, 'Resource', {
      apiVersion: 'policies.kyverno.io/v1',
      kind: 'ImageValidatingPolicy',
      metadata: {
        name: props.name,
        labels: r.labels,
        annotations: { ...r.annotations, 'policies.kyverno.io/minversion': '1.17.0' },
      },
      spec: {
        validationActions: r.enforcement === KyvernoEnforcement.ENFORCE ? ['Deny'] : ['Audit', 'Warn'],
        failurePolicy: 'Fail',
        // Signatures are fetched from the registry at admission; a background rescan would refetch them all.
        evaluation: { background: { enabled: false } },
        autogen: { podControllers: { controllers: [] } },
        webhookConfiguration: { timeoutSeconds: 15 },
        matchConstraints: { namespaceSelector: r.namespaceSelector, resourceRules: podResourceRules() },
        matchImageReferences: images.map((glob) => ({ glob })),
        validationConfigurations: { mutateDigest: false, verifyDigest: false, required: true },
        attestors,
        variables: r.variables,
        validations: [
          {
            expression: this.expression,
            message: `every image matching ${images.join(', ')} must be signed by a declared cosign key or keyless identity (HL-IMG-001)`,
          },
        ],
      },
    }, { clusterScoped: true });
    annotateControls(this.apiObject, [IMG_SIGNED_IMAGES, ...(props.extraControls ?? [])], props.exceptions);
  }
}

/**
 * A cdk8s CLI validation plugin: `cdk8s synth` runs it on the synthesized manifests (listed
 * under `validations:` in cdk8s.yaml) with the same checks as `Hardline.check`.
 *
 * ```yaml
 * validations:
 *   - package: ./node_modules/cdk8s-hardline
 *     version: 0.1.0
 *     class: HardlineValidation
 *     properties: { profile: hardline-profile.yaml }
 * ```
 */
import * as fs from 'fs';
import * as yaml from 'js-yaml';
import { HardlineError } from '../errors';
import { loadProfile } from '../profile/load-profile';
import { checkWorkloads, WorkloadViolation } from '../check/check-workloads';

/** Properties of `HardlineValidation` (the `properties:` of its cdk8s.yaml entry). */
export interface HardlineValidationProps {
  /**
   * Profile file the manifests are checked against, relative to the directory `cdk8s synth`
   * runs in.
   *
   * @default - the `HARDLINE_PROFILE` environment variable; one of the two is required
   */
  readonly profile?: string;
  /**
   * Day exceptions are checked against, `YYYY-MM-DD`.
   *
   * @default - today (UTC)
   */
  readonly today?: string;
}

/** One resource of a violation, as the cdk8s CLI reports it. */
export interface ValidationResource {
  /** The resource name. */
  readonly resourceName: string;
  /** Fields of the resource that break the rule. */
  readonly locations: readonly string[];
  /** The manifest file the resource is in. */
  readonly manifestPath: string;
}

/** One violated rule with its resources, as the cdk8s CLI reports it. */
export interface ValidationViolationReport {
  /** The rule name. */
  readonly ruleName: string;
  /** What the rule recommends. */
  readonly recommendation: string;
  /** How to fix it. */
  readonly fix: string;
  /** The resources breaking the rule. */
  readonly violatingResources: readonly ValidationResource[];
}

/**
 * The part of the cdk8s CLI's `ValidationContext` the plugin uses (structural, so the package
 * does not depend on cdk8s-cli at run time).
 */
export interface ValidationPluginContext {
  /** Paths of the synthesized manifest files. */
  readonly manifests: readonly string[];
  /** The report to fill and submit. */
  readonly report: {
    addViolation(violation: ValidationViolationReport): void;
    submit(status: 'success' | 'failure', metadata?: { readonly [key: string]: string }): void;
  };
  /** Logger of the CLI. */
  readonly logger: { log(message: string): void };
}

/** The cdk8s CLI validation plugin of hardline (class name `HardlineValidation`). */
export class HardlineValidation {
  /** The profile file checked against. */
  public readonly profile: string | undefined;
  /** The day exceptions are checked against. */
  public readonly today: string | undefined;

  constructor(props: HardlineValidationProps = {}) {
    this.profile = props.profile ?? process.env.HARDLINE_PROFILE;
    this.today = props.today;
  }

  /** Checks every workload in `context.manifests` and submits the report. */
  public async validate(context: ValidationPluginContext): Promise<void> {
    if (!this.profile) {
      return fail(context, 'hardline-profile', 'set properties.profile of the HardlineValidation entry in cdk8s.yaml (or HARDLINE_PROFILE)');
    }
    let profile;
    try {
      profile = loadProfile(this.profile, { today: this.today });
    } catch (e) {
      if (e instanceof HardlineError) return fail(context, 'hardline-profile', e.message);
      throw e;
    }
    const byRule = new Map<string, { violations: WorkloadViolation[]; files: string[] }>();
    let workloads = 0;
    for (const file of context.manifests) {
      const docs = yaml.loadAll(fs.readFileSync(file, 'utf8')).filter((d) => d !== null && d !== undefined);
      workloads += docs.length;
      for (const v of checkWorkloads(docs, profile)) {
        const entry = byRule.get(v.rule.id) ?? { violations: [], files: [] };
        entry.violations.push(v);
        entry.files.push(file);
        byRule.set(v.rule.id, entry);
      }
    }
    for (const [ruleName, { violations, files }] of [...byRule.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const rule = violations[0].rule;
      context.report.addViolation({
        ruleName: rule.control ? `${rule.control.id} ${ruleName}` : ruleName,
        recommendation: rule.control ? `${rule.control.title} (${rule.title})` : rule.title,
        fix: violations.map((v) => v.message).join('\n'),
        violatingResources: violations.map((v, i) => ({ resourceName: v.name, locations: [v.field], manifestPath: files[i] })),
      });
    }
    context.report.submit(byRule.size === 0 ? 'success' : 'failure', { profile: profile.name, objects: String(workloads) });
  }
}

function fail(context: ValidationPluginContext, ruleName: string, message: string): void {
  context.report.addViolation({ ruleName, recommendation: message, fix: message, violatingResources: [] });
  context.report.submit('failure', { error: message });
}

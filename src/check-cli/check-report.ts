/**
 * The report of one `hardline check` run, the model every output format renders. The JSON format
 * is this object as it is; `check-report.schema.json` documents it.
 */
import { CisVersion, cisIdIn, Control } from '../controls';
import { ResolvedProfile } from '../profile/types';
import { fieldPointer } from './field-pointer';
import { ManifestInput } from './read-manifests';
import { CheckRule, ObjectVerdict } from './types';

/** Version of the JSON report format (`check-report.schema.json`). */
export const CHECK_REPORT_VERSION = 1;

/** A rule as reports describe it. */
export interface ReportRule {
  /** Rule id. */
  readonly id: string;
  /** What the rule asks for. */
  readonly title: string;
  /** Control id the rule enforces, when it enforces one. */
  readonly control?: string;
  /** Title of that control. */
  readonly controlTitle?: string;
  /** CIS Kubernetes Benchmark recommendations of the control, in the profile's benchmark version. */
  readonly cis: readonly string[];
  /** SOC 2 (2017 TSC) criteria of the control. */
  readonly soc2: readonly string[];
}

/** One violation, located. */
export interface ReportViolation {
  /** Rule id. */
  readonly rule: string;
  /** Field path in the object; `''` for the whole object. */
  readonly field: string;
  /** 1-based line of the field (of the object when the field is not in the file). */
  readonly line: number;
  /** 1-based column of the field. */
  readonly column: number;
  /** What is wrong and what to change. */
  readonly message: string;
}

/** One checked object and its violations. */
export interface ReportObject {
  /** File as shown to the user (`<stdin>` for standard input). */
  readonly file: string;
  /** 1-based line where the object starts. */
  readonly line: number;
  /** `apiVersion`. */
  readonly apiVersion: string;
  /** `kind`. */
  readonly kind: string;
  /** `metadata.name`. */
  readonly name: string;
  /** Namespace of a namespaced object. */
  readonly namespace?: string;
  /** Violations, in field order; empty when the object passes. */
  readonly violations: readonly ReportViolation[];
}

/** The whole report. */
export interface CheckReport {
  /** Report format version. */
  readonly version: typeof CHECK_REPORT_VERSION;
  /** The profile checked against. */
  readonly profile: { readonly name: string; readonly file: string; readonly cisVersion: CisVersion };
  /** Counts. */
  readonly summary: {
    readonly files: number;
    readonly objects: number;
    readonly checked: number;
    readonly failed: number;
    readonly violations: number;
  };
  /** Every rule `hardline check` applies, sorted by id. */
  readonly rules: readonly ReportRule[];
  /** Checked objects in input order. */
  readonly objects: readonly ReportObject[];
}

/** Builds the report of `verdicts` on `input` against `profile`; `rules` are every rule the check applies. */
export function buildCheckReport(
  input: ManifestInput,
  verdicts: readonly ObjectVerdict[],
  profile: ResolvedProfile,
  rules: readonly CheckRule[],
): CheckReport {
  const objects: ReportObject[] = verdicts.map((v) => ({
    file: v.manifest.file,
    line: v.manifest.start.line,
    apiVersion: String(v.manifest.object.apiVersion),
    kind: v.kind,
    name: v.name,
    ...(v.namespace !== undefined ? { namespace: v.namespace } : {}),
    violations: v.findings.map((f) => {
      const at = v.manifest.locate(f.field ? fieldPointer(v.manifest.object, f.field) : '');
      return { rule: f.rule.id, field: f.field, line: at.line, column: at.column, message: f.message };
    }),
  }));
  return {
    version: CHECK_REPORT_VERSION,
    profile: { name: profile.name, file: profile.file, cisVersion: profile.cisVersion },
    summary: {
      files: input.files.length,
      objects: input.objects.length,
      checked: objects.length,
      failed: objects.filter((o) => o.violations.length > 0).length,
      violations: objects.reduce((n, o) => n + o.violations.length, 0),
    },
    rules: [...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((r) => describeRule(r, profile.cisVersion)),
    objects,
  };
}

/** A rule with its CIS IDs (in `cisVersion`) and SOC 2 criteria: its own claim's, or its control's. */
export function describeRule(rule: CheckRule, cisVersion: CisVersion): ReportRule {
  const control: Control | undefined = rule.control;
  // A rule claims the IDs it implements itself when the model says which; otherwise its control's.
  const ids = rule.claim ?? control;
  return {
    id: rule.id,
    title: rule.title,
    ...(control ? { control: control.id, controlTitle: control.title } : {}),
    cis: ids ? [...new Set(ids.cis.map((c) => cisIdIn(c, cisVersion)).filter((id): id is string => id !== undefined))].sort() : [],
    soc2: ids ? [...new Set(ids.soc2.map((s) => s.id))].sort() : [],
  };
}

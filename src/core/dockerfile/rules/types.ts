import { FixAction, Severity } from '../../findings';
import { LintContext, LintFacts, Span } from './context';

/** Data the fixes may use; every field optional, a fix that needs a missing one is not offered. */
export interface FixOptions {
  /** Installed distribution versions from the probed interpreter, by lower-case name. */
  installed?: Record<string, string>;
  /** Tags of images present locally, by image name (e.g. { python: ['3.11-slim'] }). */
  localTags?: Record<string, string[]>;
  /** "X.Y" of the project's interpreter. */
  pythonVersion?: string;
  /** The requirements file beside the Dockerfile; default requirements.txt. */
  requirementsFile?: string;
  /** The facts the lint had, so that a fix sees the same findings. */
  facts?: LintFacts;
}

export interface RuleHit {
  span: Span;
  /** The finding's own message (names what it found, as Docker's checks do); default: the rule's. */
  message?: string;
  /** The rule threw on this text: the hit says so instead of a finding. */
  failed?: boolean;
  fixes?: (opts: FixOptions) => FixAction[];
}

/** The check this rule answers to elsewhere: Docker's build check of that name, or a hadolint rule. */
export interface Anchor {
  tool: 'Docker' | 'hadolint' | 'ShellCheck';
  id: string;
  url: string;
}

/** One DSC rule: a stable id, one message, its documentation, and the check. */
export interface DscRule {
  /** DSC0nn for our rules; Docker's own name for its build checks (e.g. FromAsCasing). */
  id: string;
  anchor?: Anchor;
  /** Off unless enabled by `# check=experimental=…` or a severity setting (Docker's experimental checks). */
  experimental?: boolean;
  /** An Apptainer-readiness rule: runs only when the lint is asked for it (DscOptions.apptainer, `sif`). */
  apptainer?: boolean;
  severity: Severity;
  message: string;
  /** Markdown shown on hover: why it matters and how to fix it. */
  docs: string;
  check(ctx: LintContext): RuleHit[];
}

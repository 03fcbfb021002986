/** One problem found in a file, editor-agnostic. Lines and columns are 0-based, like LSP. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface Finding {
  line: number;
  col: number;
  endLine: number;
  endCol: number;
  severity: Severity;
  /** Stable id shown to users, e.g. "DSC003" or the language service's numeric code. */
  code: string;
  message: string;
  source: string;
}

/** `FILE:LINE:COL: severity CODE: message`, 1-based, the format the CLI and its users rely on. */
export function formatFinding(file: string, f: Finding): string {
  return `${file}:${f.line + 1}:${f.col + 1}: ${f.severity} ${f.code}: ${f.message}`;
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

/** A replacement in one text, 0-based like Finding; an insertion has an empty range. */
export interface TextEdit {
  line: number;
  col: number;
  endLine: number;
  endCol: number;
  newText: string;
}

/** A mechanical fix for a finding: edits to the linted text, and lines to append to a sibling file. */
export interface FixAction {
  title: string;
  edits: TextEdit[];
  /** Lines to append to another file (path relative to the linted file's folder), created if missing. */
  append?: { file: string; lines: string[] };
}

import { ProjectSpec } from '../project';
import { tagProblem } from '../docker/tag';

/** A spec that cannot be turned into files safely; the message is for the user. */
/**
 * A choice the project cannot satisfy. The message is in plain words (the editor shows it as is);
 * `choose` says which choice would fix it, so the CLI can name its flags and the editor its fields.
 */
export class SpecError extends Error {
  constructor(
    message: string,
    readonly choose?: 'mode' | 'entry' | 'entry-or-jupyter' | 'jupyter',
  ) {
    super(message);
  }
}

// Docker image reference: [registry[:port]/]path[:tag][@digest], lower-case path components.
const REGISTRY = String.raw`(?:[a-zA-Z0-9.-]+(?::\d+)?\/)?`;
const PATH_COMPONENT = String.raw`[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*`;
const TAG = String.raw`(?::[\w][\w.-]{0,127})?`;
const DIGEST = String.raw`(?:@sha256:[a-f0-9]{64})?`;
const IMAGE = new RegExp(String.raw`^${REGISTRY}${PATH_COMPONENT}(?:\/${PATH_COMPONENT})*${TAG}${DIGEST}$`);
const APT = /^[a-z0-9][a-z0-9+.-]+$/;
// Safe characters only (a name from a notebook's %pip line may end in '.'); pip itself judges the rest.
const DIST = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const VERSION = /^[A-Za-z0-9_.*+!-]+$/;
// A PEP 508 requirement without markers or URLs: it is written inside double quotes of a RUN line.
const BUILD_REQ =
  /^[A-Za-z0-9][A-Za-z0-9._-]*(\[[A-Za-z0-9._, -]*\])?(\s*(==|>=|<=|~=|!=|<|>)\s*[A-Za-z0-9.*+!_-]+\s*,?)*$/;
const SPECIFIER = /^(?:===|==|~=|!=|<=|>=|<|>)[\w.*+!-]+(?:,(?:===|==|~=|!=|<=|>=|<|>)[\w.*+!-]+)*$/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_.]*$/;

/**
 * Checks everything that the generators write into a Dockerfile or YAML. Values may come from a form
 * the user edited: a newline in a base image or an entry would add instructions, a `;` in an apt
 * package name would run a command. Throws one SpecError naming every problem.
 */
export function validateSpec(spec: ProjectSpec): void {
  const problems: string[] = [];
  if (!/^\d+\.\d+$/.test(spec.pythonVersion))
    problems.push(`Python version must look like 3.11, not ${show(spec.pythonVersion)}`);
  if (spec.baseImage?.trim() && !IMAGE.test(spec.baseImage.trim()))
    problems.push(`${show(spec.baseImage)} is not an image name such as python:3.11-slim`);
  if (spec.entry !== undefined && !safePath(spec.entry))
    problems.push(`entry ${show(spec.entry)} must be a file inside the project`);
  // Arguments go into an exec-form CMD (JSON): any text is safe there but a control character, which no one types.
  for (const a of spec.args ?? [])
    if (typeof a !== 'string' || /[\u0000-\u001f\u007f]/.test(a))
      problems.push(`argument ${show(a)} has a control character`);
  for (const p of spec.systemPackages ?? []) if (!APT.test(p)) problems.push(`${show(p)} is not an apt package name`);
  for (const r of spec.requirements) {
    if (!DIST.test(r.name)) problems.push(`${show(r.name)} is not a distribution name`);
    if (r.version !== undefined && !VERSION.test(r.version))
      problems.push(`${show(r.version)} is not a version of ${r.name}`);
    if (r.specifier !== undefined && !SPECIFIER.test(r.specifier))
      problems.push(`${show(r.specifier)} is not a version range of ${r.name}`);
  }
  for (const f of spec.pipInputs?.files ?? [])
    if (!safePath(f) || /["\\]/.test(f)) problems.push(`pip input ${show(f)} must be a plain path inside the project`);
  for (const f of spec.ignoreFolders ?? [])
    if (!safePath(f)) problems.push(`folder ${show(f)} must be inside the project`);
  for (const f of [...(spec.dataOut?.folders ?? []), ...(spec.dataOut?.files ?? [])])
    if (!safePath(f.path)) problems.push(`data path ${show(f.path)} must be inside the project`);
  for (const k of spec.dataOut?.keep ?? [])
    if (!safePath(k)) problems.push(`kept path ${show(k)} must be inside the project`);
  if (spec.port !== undefined && !(Number.isInteger(spec.port) && spec.port > 0 && spec.port < 65536))
    problems.push(`port ${spec.port} is not a TCP port`);
  const tag = spec.tag === undefined ? undefined : tagProblem(spec.tag);
  if (tag) problems.push(`image tag ${tag}`);
  if (spec.appObject !== undefined && !IDENT.test(spec.appObject))
    problems.push(`${show(spec.appObject)} is not a Python name`);
  for (const r of spec.importRoots ?? [])
    if (r !== '.' && !safePath(r)) problems.push(`import root ${show(r)} must be a folder inside the project`);
  for (const r of spec.install?.buildRequires ?? [])
    if (!BUILD_REQ.test(r)) problems.push(`${show(r)} is not a build requirement pip can take here`);
  if (problems.length) throw new SpecError(problems.join('; '));
}

// A value quoted with its control characters escaped, so that the message stays one line.
function show(value: unknown): string {
  return JSON.stringify(String(value));
}

function safePath(p: string): boolean {
  const norm = p.replace(/\\/g, '/');
  return (
    norm.trim() !== '' &&
    !/[\u0000-\u001f\u007f]/.test(norm) &&
    !norm.startsWith('/') &&
    !/^[A-Za-z]:/.test(norm) &&
    !norm.split('/').includes('..')
  );
}

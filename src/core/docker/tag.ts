/**
 * A valid image reference from a folder name: lower case, [a-z0-9] runs joined by single
 * separators, no leading or trailing separator, at most 128 characters; ":latest" appended.
 * "My Project (v2)" → "my-project-v2:latest". Falls back to "ds-project".
 */
export function defaultTag(folderName: string): string {
  const name = folderName
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/[._-]{2,}/g, '-')
    .replace(/^[._-]+|[._-]+$/g, '')
    .slice(0, 128)
    .replace(/[._-]+$/, '');
  return `${name || 'ds-project'}:latest`;
}

// Docker's reference grammar: path components join [a-z0-9] runs with ".", "_", "__" or dashes.
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const REFERENCE = new RegExp(
  `^(?:[a-zA-Z0-9.-]+(?::\\d+)?\\/)?${COMPONENT}(?:\\/${COMPONENT})*(?::[\\w][\\w.-]{0,127})?$`,
);

/** True for a reference Docker accepts as `-t`: [host[:port]/]name[:tag], lower-case name. */
export function isValidTag(ref: string): boolean {
  return REFERENCE.test(ref);
}

/**
 * Why Docker would refuse `ref` as a build's `-t`, in one line (undefined when it accepts it): the preview's
 * Image tag field and the CLI's --tag say this instead of the engine's "invalid reference format".
 */
export function tagProblem(ref: string): string | undefined {
  // Not trimmed: a newline would end the Dockerfile comment it is written into.
  const r = ref;
  if (!r.trim()) return 'is empty: give one such as my-project:latest';
  if (isValidTag(r) && nameOf(r).length <= MAX_NAME) return undefined;
  const shown = JSON.stringify(r.length > 60 ? `${r.slice(0, 60)}…` : r);
  if (/\s/.test(r)) return `${shown} has a space: an image tag is one word, such as my-project:latest`;
  if (r.includes('@')) return `${shown} has a digest: a build is tagged NAME:TAG, without @sha256:…`;
  const name = nameOf(r);
  if (name.length > MAX_NAME) return `${shown} is too long: an image name has at most ${MAX_NAME} characters`;
  const tag = r.slice(name.length + 1);
  if (r.length > name.length && !/^[\w][\w.-]{0,127}$/.test(tag))
    return `${shown}: the tag after ":" takes letters, digits, _ . - (at most 128), not starting with . or -`;
  const path = name.replace(/^[^/]*[.:][^/]*\/|^localhost\//, '');
  if (/[A-Z]/.test(path)) return `${shown}: Docker refuses upper-case letters in an image name; use ${lowerName(r)}`;
  return `${shown} is not an image name Docker accepts: lower-case letters, digits and . _ - / (e.g. team/model:1.0)`;
}

// Docker's limit on an image name without its tag (registry and path).
const MAX_NAME = 255;

/** The name part of a reference: a colon after the last slash starts the tag (`host:5000/repo` has none). */
function nameOf(ref: string): string {
  const colon = ref.indexOf(':', ref.lastIndexOf('/') + 1);
  return colon >= 0 ? ref.slice(0, colon) : ref;
}

function lowerName(ref: string): string {
  const name = nameOf(ref);
  return name.toLowerCase() + ref.slice(name.length);
}

/**
 * The tag a Dockerfile's generated `# Build: docker build … -t TAG .` comment names, when Docker accepts it:
 * the tag Containerize chose (the preview's Image tag), which Build and Run then use instead of the folder's.
 */
export function buildCommentTag(dockerfile: string): string | undefined {
  const m = /^#\s*Build:\s+docker build\b.*\s-t\s+(\S+)/m.exec(dockerfile);
  return m && !tagProblem(m[1]) ? m[1] : undefined;
}

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

/** True for a reference Docker accepts as `-t`: [host[:port]/]name[:tag], lower-case name. */
export function isValidTag(ref: string): boolean {
  return /^(?:[a-z0-9.-]+(?::\d+)?\/)?[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?$/.test(ref);
}

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

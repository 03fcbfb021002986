// Requirements files a project names where it says how to install it: `pip install -r src/requirements.txt` in
// its README, a devcontainer.json's postCreateCommand, a Makefile or its own Dockerfile. Such a file is the
// project's declaration even when it is not at the root (issue 26, defect 4).

/** The project-relative requirements files `-r FILE` / `--requirement FILE` name in `text` (in order, once each). */
export function requirementFilesNamed(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|[\s"'`(])(?:-r|--requirement)(?:\s+|=)["']?([^\s"'`;&|)]+\.(?:txt|in))\b/g)) {
    const file = m[1].replace(/^\.\//, '').replace(/^\/(?:app|workspace|workspaces\/[^/]+)\//, '');
    // Outside the project (absolute paths, `..`, URLs) or a template (`${FILE}`) is not ours to read.
    if (/^\/|^[A-Za-z]:|\.\.|:\/\/|\$/.test(file)) continue;
    if (!out.includes(file)) out.push(file);
  }
  return out;
}

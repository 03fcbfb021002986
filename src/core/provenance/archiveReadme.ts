// The README inside an `archive` tarball: what each file is and how to load and run the image, for a
// reader (a journal's reviewer, a data archive) who has Docker but not this tool.

export interface ArchiveFacts {
  tag: string;
  imageId: string;
  /** The files beside README.md in the tarball. */
  files: string[];
  /** The lock the project has, when it has one (a file name). */
  lock?: string;
  labels: Record<string, string>;
}

const WHAT: Record<string, string> = {
  'image.tar': 'the image, as `docker save` wrote it',
  'sbom.cdx.json': 'the software bill of materials (CycloneDX 1.5 JSON): every Python distribution and Debian package',
  Dockerfile: 'the Dockerfile the image was built from',
  'requirements.txt': 'what the project declares it needs',
};

export function renderArchiveReadme(f: ArchiveFacts): string {
  const l = (k: string) => f.labels[`org.opencontainers.image.${k}`];
  const lines = [
    `# ${l('title') ?? f.tag}`,
    '',
    `A container image of this project, \`${f.tag}\` (image id \`${f.imageId}\`), with what it was made from.`,
    '',
    '## Files',
    ...f.files.map((n) => `- \`${n}\`: ${n === f.lock ? 'the exact versions installed in the image' : (WHAT[n] ?? n)}`),
    '',
    '## Load and run',
    '```sh',
    'docker load -i image.tar',
    `docker run --rm ${f.tag}`,
    '```',
    'Podman reads the same file (`podman load -i image.tar`). For Apptainer/Singularity on a cluster:',
    '`apptainer build image.sif docker-archive://image.tar`, then `apptainer run image.sif`.',
    '',
    '## Provenance',
  ];
  for (const k of ['source', 'revision', 'version', 'licenses', 'created']) if (l(k)) lines.push(`- ${k}: ${l(k)}`);
  return lines.join('\n') + '\n';
}

// pip clones `git+https://…` lines of requirements.txt with git, which slim images lack (issue 26, defect 8). The
// generated Dockerfile installs it with apt in the stage that runs pip; where it cannot, or where the user's own
// Dockerfile is used instead, a note says so before the build fails.
import { listInstructions } from '../dockerfile/instructions';
import { imageRepository } from './images';

/** Whether the image installs packages with apt-get, judged by its name: Alpine, UBI, Fedora… do not. */
export function aptBased(image: string): boolean {
  const repo = imageRepository(image);
  const tag =
    image
      .split('@')[0]
      .slice(image.lastIndexOf('/') + 1)
      .split(':')[1] ?? '';
  if (/(^|-)alpine/.test(tag) || /(^|\/)alpine$/.test(repo)) return false;
  return !/(^|\/)(ubi\d*(-\w+)?|fedora|centos|rockylinux|almalinux|amazonlinux|opensuse[\w/-]*|archlinux)$/.test(repo);
}

// Images that ship git: the full (not slim) official Python images are built on buildpack-deps, which has it.
const PYTHON_FULL = String.raw`python:\d[\w.]*?(?:-(?:bookworm|bullseye|buster|trixie))?`;
const HAS_GIT = new RegExp(String.raw`^(?:docker\.io\/)?(?:library\/)?(?:${PYTHON_FULL}|buildpack-deps(?::[\w.-]+)?)$`);

/**
 * Whether a Dockerfile gets git before pip reads a `git+` line: some RUN line names git (an apt/apk/dnf install),
 * or a stage starts from an image that ships it.
 */
export function dockerfileHasGit(text: string): boolean {
  for (const i of listInstructions(text)) {
    if (i.keyword === 'RUN' && /\binstall\b[^&|;]*\bgit\b/.test(i.args)) return true;
    if (i.keyword === 'FROM' && HAS_GIT.test(i.args.split(/\s+/).find((a) => !a.startsWith('--')) ?? '')) return true;
  }
  return false;
}

/**
 * The note for a project whose requirements.txt has a VCS line: the base image has no apt-get for the generated
 * Dockerfile to install git with, or the project's own Dockerfile (kept unless replaced) installs none.
 * Undefined when there is nothing to say.
 */
export function gitNote(o: { vcs: boolean; baseImage: string; dockerfile?: string }): string | undefined {
  if (!o.vcs) return undefined;
  const line = 'pip clones its git+ line with git';
  if (o.dockerfile !== undefined && !dockerfileHasGit(o.dockerfile))
    return (
      `${line}: the project's Dockerfile installs no git, so building it fails on a slim base; ` +
      'add git to its apt-get install line, or let scaffold replace it (--force) with one that installs git'
    );
  if (!aptBased(o.baseImage))
    return (
      `${line}: ${o.baseImage} has no apt-get for the Dockerfile to install git with; ` +
      'install git in it yourself (e.g. `apk add --no-cache git`), or use a Debian-based image'
    );
  return undefined;
}

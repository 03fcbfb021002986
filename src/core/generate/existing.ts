// What the project's current Dockerfile already decided: a second Containerize starts from it
// (the user's base image and run mode) instead of the defaults, and says what it changes.
import { ProjectMode, ProjectSpec } from '../project';
import { listInstructions } from '../dockerfile/instructions';
import { baseImageOf } from './dockerfile';
import { buildCommentTag } from '../docker/tag';
import { commandLine } from './launch';

export interface ExistingChoices {
  /** The final stage's FROM image, when it is a plain reference (no build arguments in it). */
  baseImage?: string;
  mode?: ProjectMode;
  /** The script a script-mode CMD runs. */
  entry?: string;
  /** The arguments that CMD passes the script (absent when none): a re-run keeps those the preview was given. */
  args?: string[];
  /** The tag of the `# Build:` comment (the preview's Image tag when it was written). */
  tag?: string;
}

/** The run command of the final stage, as words (JSON form parsed; shell form split on blanks). */
function commandWords(args: string): string[] {
  if (args.startsWith('[')) {
    try {
      const v = JSON.parse(args) as unknown;
      if (Array.isArray(v)) return v.map(String);
    } catch {
      /* shell form after all */
    }
  }
  return args.split(/\s+/).filter(Boolean);
}

const APP = /^(streamlit|uvicorn|gunicorn|flask|gradio|fastapi|panel|voila)$/;

/** Base image, mode and entry from a Dockerfile's text; fields it does not decide stay undefined. */
export function choicesFromDockerfile(text: string): ExistingChoices {
  const all = listInstructions(text);
  const last = Math.max(...all.map((i) => i.stage), 0);
  const stage = all.filter((i) => i.stage === last);
  const out: ExistingChoices = {};
  const from = stage.find((i) => i.keyword === 'FROM');
  const ref = from?.args.split(/\s+/).find((a) => !a.startsWith('--'));
  if (ref && !ref.includes('$') && ref !== 'scratch') out.baseImage = ref;
  const cmd = [...stage].reverse().find((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
  const words = cmd ? commandWords(cmd.args).map((w) => w.replace(/^.*\//, '')) : [];
  if (words.some((w) => /^jupyter(-lab|-notebook)?$|start-notebook/.test(w))) out.mode = 'jupyter';
  else if (words.some((w) => APP.test(w))) out.mode = 'app';
  else if (/^python[\d.]*$/.test(words[0] ?? '')) {
    const all = commandWords(cmd!.args);
    const at = all.findIndex((w, i) => i > 0 && w.endsWith('.py'));
    if (at > 0) {
      out.mode = 'script';
      out.entry = all[at].replace(/^\/app\//, '').replace(/^\.\//, '');
      // Only an exec-form CMD keeps its words exactly; a shell form's quoting is not undone here.
      if (cmd!.args.startsWith('[') && all.length > at + 1) out.args = all.slice(at + 1);
    }
  }
  const tag = buildCommentTag(text);
  if (tag) out.tag = tag;
  return out;
}

/** One line per choice the proposal changes from the current Dockerfile, e.g. "base image: a → b". */
export function describeChanges(existing: ExistingChoices, spec: ProjectSpec): string[] {
  const out: string[] = [];
  if (existing.baseImage && existing.baseImage !== baseImageOf(spec))
    out.push(`base image: ${existing.baseImage} → ${baseImageOf(spec)}`);
  if (existing.mode && existing.mode !== spec.mode) out.push(`mode: ${existing.mode} → ${spec.mode}`);
  if (existing.entry && spec.mode === 'script' && spec.entry && existing.entry !== spec.entry)
    out.push(`entry: ${existing.entry} → ${spec.entry}`);
  const was = existing.args ?? [];
  const now = spec.args ?? [];
  if (existing.entry && existing.entry === spec.entry && spec.mode === 'script' && was.join('\0') !== now.join('\0'))
    out.push(`arguments: ${commandLine(was) || '(none)'} → ${commandLine(now) || '(none)'}`);
  if (existing.tag && spec.tag && existing.tag !== spec.tag) out.push(`image tag: ${existing.tag} → ${spec.tag}`);
  return out;
}

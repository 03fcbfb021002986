import * as vscode from 'vscode';
import { PROJECT_MODES, ProjectAnalysis, ProjectMode, ProjectSpec } from '../../core/project';
import { baseImageOf } from '../../core/generate';
import { UserCancelled } from '../platform/errors';
import { pickEntry } from './entryPick';
import { checkWheels, PinnedPackage, wheelCheckLines } from '../../core/python/wheelCheck';
import { normalizeName } from '../../core/requirements/names';
import { tagProblem } from '../../core/docker/tag';
import { shellWords } from '../../core/python/launch';
import { commandLine } from '../../core/generate/launch';
import { modeRuntime } from '../../core/generate/modes';

type Item = vscode.QuickPickItem & { edit?: () => Promise<void>; accept?: boolean };

const reqText = (spec: ProjectSpec) =>
  spec.requirements.map((r) => (r.version ? `${r.name}==${r.version}` : r.name)).join(', ');

/**
 * The preview the user can edit before anything is written: packages with versions, mode, base
 * image, GPU, entry, its arguments, the image tag. A quick pick of fields; picking one edits it; "Write files" accepts.
 * Escape cancels (nothing written).
 */
export async function editSpec(
  spec: ProjectSpec,
  files: string[],
  target: {
    folder: string;
    changes: string[];
    pickBaseImage?: (current: string) => Promise<string | undefined>;
    /** The scan, for the entry picker's detected entry and the other runnable files. */
    analysis?: ProjectAnalysis;
    /** Why nothing will be built (the engine cannot be reached): said before anything is written. */
    noBuild?: string;
    /** Read-only rows (what stays out of the image, the expected size), shown after the changes. */
    facts?: { label: string; description: string; detail?: string }[];
    /** Where the proposed arguments come from ("compose.yaml:4 (service app) runs `python train.py …`"). */
    argsFrom?: string;
  },
): Promise<ProjectSpec> {
  const s: ProjectSpec = { ...spec, requirements: [...spec.requirements] };
  for (;;) {
    const items: Item[] = [
      { label: '$(check) Write files', description: `${files.join(', ')} in ${target.folder}`, accept: true },
      ...(target.noBuild
        ? [
            {
              label: '$(warning) Files only, no build',
              description: target.noBuild,
              detail: 'build once Docker is back',
            },
          ]
        : []),
      // Which folder: two projects side by side must never be merged without the user seeing it.
      {
        label: '$(folder) Folder',
        description: target.folder,
        detail: 'the project these files are for (run Containerize again to choose another)',
      },
      ...(target.changes.length
        ? [{ label: '$(diff) Changes from your Dockerfile', description: target.changes.join('; ') }]
        : []),
      ...wheelItems(s, target),
      ...(target.facts ?? []),
      {
        label: 'Mode',
        description: s.mode,
        edit: async () => {
          const m = await vscode.window.showQuickPick([...PROJECT_MODES], {
            placeHolder: 'How the container runs the project',
          });
          if (m) s.mode = m as ProjectMode;
        },
      },
      {
        label: 'Packages',
        description: reqText(s) || '(none)',
        detail: 'name==version, comma separated',
        edit: async () => {
          const v = await vscode.window.showInputBox({
            prompt: 'Runtime packages (name or name==version, comma separated)',
            value: reqText(s),
            validateInput: (t) =>
              t.split(',').every((p) => !p.trim() || /^[A-Za-z0-9._-]+(==[\w.+!-]+)?$/.test(p.trim()))
                ? undefined
                : 'use name or name==version',
          });
          if (v !== undefined)
            s.requirements = v
              .split(',')
              .map((p) => p.trim())
              .filter(Boolean)
              .map((p) => {
                const [name, version] = p.split('==');
                return { name, version };
              });
        },
      },
      {
        label: 'Base image',
        description: baseImageOf(s),
        edit: async () => {
          const v = target.pickBaseImage
            ? await target.pickBaseImage(baseImageOf(s))
            : await vscode.window.showInputBox({ prompt: 'Base image (a tagged reference)', value: baseImageOf(s) });
          if (v !== undefined) s.baseImage = v.trim() || undefined;
        },
      },
      {
        label: 'GPU',
        description: s.gpu ? 'on' : 'off',
        edit: async () => {
          s.gpu = !s.gpu;
        },
      },
      {
        label: 'Entry',
        description: s.entry ?? '(none)',
        detail: s.entry && s.entry === target.analysis?.entry ? target.analysis.entryWhy : undefined,
        edit: async () => {
          const v = target.analysis && (await pickEntry(target.analysis, s.entry));
          // Another file's arguments are not this one's: the proposed ones come back with the proposed entry.
          if (v && v !== s.entry) {
            s.entry = v;
            s.args = v === spec.entry ? spec.args : undefined;
          }
        },
      },
      ...argumentsItems(s, spec, target.argsFrom, target.analysis),
      {
        label: 'Image tag',
        description: s.tag ?? '',
        detail: "what Build and Run use: written into the Dockerfile's # Build: line and compose's image:",
        edit: async () => {
          const v = await vscode.window.showInputBox({
            prompt: 'Image tag (docker build -t), e.g. team/churn:1.0',
            value: s.tag,
            validateInput: (t) => tagProblem(t.trim()),
          });
          if (v !== undefined && !tagProblem(v.trim())) s.tag = v.trim();
        },
      },
    ];
    const pick = await vscode.window.showQuickPick(items, {
      title: `Containerize ${target.folder}: review before writing`,
      placeHolder: 'Pick a field to change, or "Write files"',
      ignoreFocusOut: true,
    });
    if (!pick) throw new UserCancelled();
    if (pick.accept) return s;
    await pick.edit?.();
  }
}

/**
 * The Arguments row for a script: the words CMD passes the entry (exec form, one argv word each), typed as a
 * shell line (quotes keep a space inside one word); its detail is the whole command and where it came from.
 */
function argumentsItems(
  s: ProjectSpec,
  proposed: ProjectSpec,
  from: string | undefined,
  analysis: ProjectAnalysis | undefined,
): Item[] {
  if (s.mode !== 'script' || !s.entry) return [];
  const args = s.args ?? [];
  // The entry stops asking for arguments without them (argparse's required ones, sys.argv[1]): said before writing.
  const needs = args.length ? undefined : analysis?.needsArgs?.[s.entry];
  const same = s.entry === proposed.entry && args.join('\0') === (proposed.args ?? []).join('\0');
  const why = same
    ? (from ?? (args.length ? undefined : 'none found in compose.yaml, README or Makefile'))
    : 'as edited';
  return [
    {
      label: needs ? '$(warning) Arguments' : 'Arguments',
      description: needs
        ? `(none), but ${s.entry} needs command-line arguments (${needs.what}, line ${needs.line})`
        : commandLine(args) || '(none)',
      detail: [`runs ${commandLine(modeRuntime(s).cmd)}`, why].filter(Boolean).join(' · '),
      edit: async () => {
        const v = await vscode.window.showInputBox({
          prompt: `Arguments for ${s.entry}, as you would type them after it (quotes keep spaces in one argument)`,
          value: commandLine(args),
          validateInput: (t) =>
            shellWords(t) === undefined
              ? 'a quote is not closed'
              : /[\u0000-\u001f\u007f]/.test(t)
                ? 'no control characters'
                : undefined,
        });
        const words = v === undefined ? undefined : shellWords(v);
        if (words) s.args = words;
      },
    },
  ];
}

/**
 * Pins with no wheel for the spec's Python: one item that says so (each package in its tooltip line) and
 * offers the two choices; nothing changes until one is picked.
 */
function wheelItems(s: ProjectSpec, target: { analysis?: ProjectAnalysis }): Item[] {
  const a = target.analysis;
  const from = a?.pythonVersionFrom;
  const check = checkWheels(
    s.requirements.filter((r): r is PinnedPackage => !!r.version),
    s.pythonVersion,
    {
      requiresPython: a?.pythonRange,
      pythonFixedBy: from === 'runtime.txt' || from === '.python-version' ? from : undefined,
    },
  );
  if (!check.findings.length) return [];
  const lines = wheelCheckLines(check);
  const names = check.findings.map((f) => `${f.name}==${f.version}`).join(', ');
  return [
    {
      label: `$(warning) No wheel for Python ${s.pythonVersion}`,
      description: names,
      detail: [...lines.findings, ...lines.choices].join(' · '),
      edit: async () => {
        type Choice = vscode.QuickPickItem & { apply?: () => void };
        const choices: Choice[] = [];
        if (check.base) {
          const base = check.base;
          choices.push({
            label: `Use ${base.image}`,
            detail: `a Python every pin has wheels for (${lines.choices[0]})`,
            apply: () => {
              s.pythonVersion = base.python;
              s.baseImage = undefined;
            },
          });
        }
        if (check.upgrades.length)
          choices.push({
            label: `Keep Python ${s.pythonVersion}, pin the nearest versions`,
            detail: check.upgrades.map((u) => `${u.name} ${u.from} → ${u.to}`).join(', '),
            apply: () => {
              const to = new Map(check.upgrades.map((u) => [normalizeName(u.name), u.to]));
              s.requirements = s.requirements.map((r) => ({
                ...r,
                version: to.get(normalizeName(r.name)) ?? r.version,
              }));
            },
          });
        choices.push({ label: 'Keep the pins and the base as they are', detail: check.baseWhyNot });
        const pick = await vscode.window.showQuickPick(choices, { placeHolder: lines.findings.join('; ') });
        pick?.apply?.();
      },
    },
  ];
}

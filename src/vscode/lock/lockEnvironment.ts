// "Lock Environment": requirements.lock from the project's built image (built first when there is
// none), and the offer to lock after a successful build. A lock the user has is replaced only after
// a modal question; unchanged content is not rewritten (node/lock.ts).
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { Services } from '../services';
import { LockError, lockProject, LockResult, lockStatus } from '../../node/lock';
import { BuildOutcome } from '../../node/docker/build';
import { parseLock } from '../../core/environment/lockfile';
import { LOCK_FILE } from '../../core/projectFiles';
import { buildWithProgress } from '../platform/buildImage';
import { BuildTarget } from '../platform/target';
import { setting, setWorkspaceSetting } from '../platform/settings';
import { clearLockDifferences } from './diagnostics';
import { offerDockerfileChange } from './dockerfileChange';
import { lockTarget } from './target';

/** What the command resolves to (for tests and callers): the lock written, or the one line that says why not. */
export type LockOutcome =
  { ok: true; file: string; outcome: LockResult['outcome']; count: number; tag: string } | { ok: false; error: string };

/** Lock Environment: build when the image is missing, then write requirements.lock with progress. */
export async function lockEnvironment(s: Services, arg?: unknown, o: { force?: boolean } = {}): Promise<LockOutcome> {
  const t = await lockTarget(arg);
  const engine = s.engine.get();
  if (!(await engine.imageSummary(t.tag))) {
    s.log.info(`lock: ${t.tag} is not built yet, building it first`);
    const built = await buildWithProgress(s, t);
    if (!built.ok) return { ok: false, error: `the build of ${t.tag} failed: nothing was locked` };
  }
  let r: LockResult;
  try {
    r = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Locking the environment of ${t.tag}` },
      () => lockProject(engine, t.dir, t.tag, { force: o.force }),
    );
  } catch (e) {
    if (!(e instanceof LockError)) throw e;
    return refused(s, t, e);
  }
  clearLockDifferences(s, t.dir);
  s.explorer?.project.invalidate();
  const verb = r.outcome === 'unchanged' ? 'unchanged' : r.outcome === 'created' ? 'written' : 'updated';
  const line = `${LOCK_FILE}: ${verb}: ${r.count} distributions from ${t.tag} (Python ${r.facts.python?.version})`;
  s.log.info(`${path.join(t.dir, LOCK_FILE)}: ${verb}: ${r.count} distributions from ${t.tag}`);
  void vscode.window.showInformationMessage(line, 'Open Lock').then((pick) => {
    if (pick) void vscode.window.showTextDocument(vscode.Uri.file(r.file));
  });
  void offerDockerfileChange(s, t, r).catch((e: Error) => s.log.error(`Dockerfile change: ${e.message}`));
  return { ok: true, file: r.file, outcome: r.outcome, count: r.count, tag: t.tag };
}

/** One line naming the lock's file and line; "Replace Lock…" asks (modal) before anything is overwritten. */
function refused(s: Services, t: BuildTarget, e: LockError): LockOutcome {
  const where = e.file ? `${e.file}${e.line ? `:${e.line}` : ''}: ` : '';
  const error = `${where}${e.message}`;
  s.log.warn(`${t.dir}: ${error}`);
  const actions = e.replaceable ? ['Open Lock', 'Replace Lock…'] : [];
  void vscode.window.showErrorMessage(`Lock Environment: ${error}`, ...actions).then(async (pick) => {
    const lock = vscode.Uri.file(path.join(t.dir, LOCK_FILE));
    if (pick === 'Open Lock')
      await vscode.window.showTextDocument(lock, {
        selection: new vscode.Range((e.line ?? 1) - 1, 0, (e.line ?? 1) - 1, 0),
      });
    if (pick !== 'Replace Lock…') return;
    const sure = await vscode.window.showWarningMessage(
      `Replace ${LOCK_FILE} with what ${t.tag} has? ${e.message.replace(/; it is left as it is$/, '')}.`,
      { modal: true },
      'Replace',
    );
    if (sure === 'Replace') await lockEnvironment(s, t.dockerfile, { force: true });
  });
  return { ok: false, error };
}

/**
 * After a successful build (Build Image, Containerize: lock/index.ts hears it on the build event), the offer to
 * lock, not awaited: when there is no lock, or it no longer matches the image. A current lock is not nagged about.
 */
export function offerLockAfterBuild(s: Services, t: BuildTarget, outcome: BuildOutcome): void {
  if (outcome.ok) void offerLock(s, t, outcome).catch((e: Error) => s.log.warn(`lock offer: ${e.message}`));
}

async function offerLock(s: Services, t: BuildTarget, outcome: BuildOutcome): Promise<void> {
  if (!setting('lock.offerAfterBuild', vscode.Uri.file(t.dir))) return;
  const file = path.join(t.dir, LOCK_FILE);
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  // The image the lock was written from: current, nothing to ask (and no probe).
  if (text !== undefined && parseLock(text).header.imageId === outcome.imageId) return;
  const state = await lockStatus(s.engine.get(), t.dir, t.tag);
  if (state.kind === 'locked') return;
  const more = state.reasons.length > 1 ? ` (and ${state.reasons.length - 1} more)` : '';
  const message =
    state.kind === 'none'
      ? `${t.tag} is built. Lock its environment? ${LOCK_FILE} records every installed version, so a rebuild ` +
        'gets the same.'
      : `${t.tag} no longer matches ${LOCK_FILE}: ${state.reasons[0]}${more}.`;
  const pick = await vscode.window.showInformationMessage(message, 'Lock Environment', "Don't Ask Again");
  if (pick === 'Lock Environment') await lockEnvironment(s, t.dockerfile);
  if (pick === "Don't Ask Again") await setWorkspaceSetting('lock.offerAfterBuild', false);
}

import * as vscode from 'vscode';
import { Services } from '../services';
import { layerHintLabel, mapLayers } from '../../core/docker/layers';
import { formatAge, formatSize } from '../../core/docker/format';
import { listInstructions } from '../../core/dockerfile/instructions';
import { setting } from '../platform/settings';
import { isDockerfileName } from '../../core/projectFiles';
import { targetOf } from '../platform/target';

/**
 * After FROM: the base image's local size and age (or "not pulled"). After each instruction of
 * the final stage, once built: the size its layer added and whether it came from the cache,
 * from the engine's history of the last build of this Dockerfile.
 */
export class LayerHints implements vscode.InlayHintsProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeInlayHints = this.changed.event;

  constructor(private readonly s: Services) {}

  // Hints are asked for on every edit: engine answers are kept until the next build or refresh.
  // (at most 30 s, so an image pulled or removed outside the editor shows up).
  private readonly cache = new Map<string, Promise<unknown>>();
  private cacheAt = 0;

  refresh(): void {
    this.cache.clear();
    this.changed.fire();
  }

  private cached<T>(key: string, fn: () => Promise<T>): Promise<T> {
    if (Date.now() - this.cacheAt > 30000) {
      this.cache.clear();
      this.cacheAt = Date.now();
    }
    let p = this.cache.get(key) as Promise<T> | undefined;
    if (!p) {
      p = fn();
      this.cache.set(key, p);
      p.catch(() => this.cache.delete(key));
    }
    return p;
  }

  async provideInlayHints(doc: vscode.TextDocument): Promise<vscode.InlayHint[]> {
    if (doc.uri.scheme !== 'file' || !isDockerfileName(doc.fileName) || !setting('build.inlineHints', doc.uri))
      return [];
    const engine = this.s.engine.get();
    const text = doc.getText();
    const instructions = listInstructions(text);
    const hints: vscode.InlayHint[] = [];
    const at = (line: number, label: string, tooltip?: string) => {
      const h = new vscode.InlayHint(
        doc.lineAt(Math.min(line, doc.lineCount - 1)).range.end,
        label,
        vscode.InlayHintKind.Type,
      );
      h.paddingLeft = true;
      if (tooltip) h.tooltip = tooltip;
      hints.push(h);
    };
    const now = Date.now() / 1000;
    try {
      const froms = instructions.filter((i) => i.keyword === 'FROM');
      let lastBaseLayers = 0;
      for (const f of froms) {
        const ref = f.args.split(/\s+/).find((a) => !a.startsWith('--'));
        if (!ref || ref.includes('$') || ref === 'scratch') continue;
        const img = await this.cached(`summary ${ref}`, () => engine.imageSummary(ref));
        if (f === froms[froms.length - 1])
          lastBaseLayers = img ? (await this.cached(`layers ${img.id}`, () => engine.imageLayers(ref))).length : 0;
        at(
          f.endLine,
          img ? `${formatSize(img.size)} · ${formatAge(img.created, now)}` : 'not pulled',
          img ? `${ref}: ${img.id.slice(7, 19)}` : `${ref} is not in the local engine`,
        );
      }
      const last = this.s.buildRun.lastBuild(doc.fileName);
      const tag = last?.imageId ?? (await this.builtFromHere(doc.fileName));
      if (!tag || !lastBaseLayers) return hints;
      const cached = new Set(last?.cachedLines ?? []);
      for (const l of mapLayers(
        text,
        await this.cached(`layers ${tag}`, () => engine.imageLayers(tag)),
        lastBaseLayers,
      )) {
        const label = layerHintLabel(l, cached.has(l.line));
        if (label)
          at(
            instructions.find((i) => i.line === l.line)?.endLine ?? l.line,
            label,
            `layer added by this ${l.keyword} in the last build`,
          );
      }
    } catch (e) {
      this.s.log.debug(`inlay hints: ${e instanceof Error ? e.message : String(e)}`);
    }
    return hints;
  }

  /** The default tag's image, when it was built from this very Dockerfile (its label says so). */
  private async builtFromHere(dockerfile: string): Promise<string | undefined> {
    const tag = targetOf(dockerfile).tag;
    const img = await this.cached(`summary ${tag}`, () => this.s.engine.get().imageSummary(tag));
    return img && img.labels['dsContainers.dockerfile'] === dockerfile ? img.id : undefined;
  }
}

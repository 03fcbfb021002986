import * as vscode from 'vscode';
import { probeInterpreter } from '../../node/probe';
import type { InterpreterFacts } from '../../core/python/resolve';
import { Log } from '../platform/log';
import { pythonCommand } from './settings';

/**
 * The probed interpreter's facts, asked once per interpreter command and shared by the lint
 * features (installed versions, import map, stdlib). No interpreter: empty facts, logged once.
 */
export class InterpreterCache {
  private pending?: { python: string; facts: Promise<InterpreterFacts> };

  constructor(private readonly log: Log) {}

  facts(): Promise<InterpreterFacts> {
    // The interpreter path can come from workspace settings: never run it in an untrusted folder.
    if (!vscode.workspace.isTrusted) return Promise.resolve({});
    const python = pythonCommand();
    if (this.pending?.python !== python) {
      this.pending = {
        python,
        facts: probeInterpreter(python).then((r) => {
          if (r.problem) this.log.info(`lint: ${r.problem}; installed versions will not be offered`);
          return r.facts ?? {};
        }),
      };
    }
    return this.pending.facts;
  }

  /** Forget the facts (after the user installs something, the versions change). */
  reset(): void {
    this.pending = undefined;
  }
}

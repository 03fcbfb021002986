import * as vscode from 'vscode';
import { probeInterpreter } from '../../node/probe';
import type { InterpreterFacts } from '../../core/python/resolve';
import { Log } from '../platform/log';
import { PythonInterpreters } from '../platform/python';

/**
 * The probed interpreter's facts, asked once per interpreter and shared by the lint features
 * (installed versions, import map, stdlib). No interpreter: empty facts, logged once.
 */
export class InterpreterCache {
  private readonly probes = new Map<string, Promise<InterpreterFacts & { executable?: string }>>();

  constructor(
    private readonly log: Log,
    private readonly python: PythonInterpreters,
  ) {}

  /** Facts of the interpreter for `resource` (the Python extension's active one when installed). */
  async facts(resource?: vscode.Uri): Promise<InterpreterFacts & { executable?: string }> {
    // `python` answers false in an untrusted workspace: bundled data only, nothing is run.
    const { command } = await this.python.forResource(resource);
    if (command === false) return {};
    let facts = this.probes.get(command);
    if (!facts) {
      facts = probeInterpreter(command).then((r) => {
        if (r.problem) this.log.info(`lint: ${r.problem}; installed versions will not be offered`);
        return r.facts ?? {};
      });
      this.probes.set(command, facts);
    }
    return facts;
  }

  /** Forget the facts (the interpreter changed, or the user installed something). */
  reset(): void {
    this.probes.clear();
  }
}

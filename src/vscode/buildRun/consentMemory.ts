import { createHash } from 'crypto';
import type * as vscode from 'vscode';

const KEY = 'dsContainers.containerize.files';

/** Per file: the digest of what Containerize last wrote there, and of the file the user chose to keep. */
interface Remembered {
  wrote?: string;
  kept?: string;
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * What Containerize remembers between runs (in the workspace's state, never in the project), so that it
 * asks about a file once: our own output, still as we wrote it, is ours to replace; a file the user kept
 * ("Keep Mine") is kept again while it stays as it is. Any edit to the file makes it ask again.
 */
export class ConsentMemory {
  constructor(private readonly state: vscode.Memento) {}

  /** 'ours' (replace without asking), 'kept' (keep without asking), or undefined (ask). */
  decide(file: string, current: string): 'ours' | 'kept' | undefined {
    const r = this.all()[file];
    const d = digest(current);
    return r?.wrote === d ? 'ours' : r?.kept === d ? 'kept' : undefined;
  }

  wrote(file: string, text: string): Thenable<void> {
    return this.update(file, { wrote: digest(text) });
  }

  kept(file: string, text: string): Thenable<void> {
    return this.update(file, { ...this.all()[file], kept: digest(text) });
  }

  private all(): Record<string, Remembered> {
    return this.state.get<Record<string, Remembered>>(KEY) ?? {};
  }

  private update(file: string, r: Remembered): Thenable<void> {
    return this.state.update(KEY, { ...this.all(), [file]: r });
  }
}

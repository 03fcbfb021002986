// Which Python interpreter the editor probes for a resource, decided from plain facts so the rule
// is testable without an editor: the Python extension's active interpreter, else our setting,
// else `python3`; never any interpreter in an untrusted workspace (the path can come from
// workspace settings, and probing runs it).

/** Where the interpreter came from. */
export type InterpreterSource = 'python-extension' | 'setting' | 'default' | 'untrusted';

export interface InterpreterChoice {
  /** The command or path to run; false: bundled data only. */
  command: string | false;
  source: InterpreterSource;
}

export interface InterpreterFactsIn {
  trusted: boolean;
  /** The Python extension's active interpreter executable, when it has one. */
  fromExtension?: string;
  /** `dsContainers.python.path` (empty: unset). */
  setting?: string;
}

/** The interpreter to probe, by the order above. */
export function chooseInterpreter(i: InterpreterFactsIn): InterpreterChoice {
  if (!i.trusted) return { command: false, source: 'untrusted' };
  const fromExtension = i.fromExtension?.trim();
  if (fromExtension) return { command: fromExtension, source: 'python-extension' };
  const setting = i.setting?.trim();
  if (setting) return { command: setting, source: 'setting' };
  return { command: 'python3', source: 'default' };
}

const SOURCES: Record<InterpreterSource, string> = {
  'python-extension': "the Python extension's active interpreter",
  setting: 'the dsContainers.python.path setting',
  default: 'the default; set dsContainers.python.path or install the Python extension to change it',
  untrusted: 'untrusted workspace: no interpreter is run, bundled data only',
};

/** One line for the log and the Project view: the interpreter and why it was chosen. */
export function describeInterpreter(c: InterpreterChoice): string {
  return c.command === false ? `bundled data (${SOURCES[c.source]})` : `${c.command} (${SOURCES[c.source]})`;
}

import { REQ_CODES } from './requirements-lint';

/** Reference entries of the requirements and import-drift diagnostics, for docs/rules.md. */
export const REQUIREMENT_RULES = [
  {
    id: REQ_CODES.syntax,
    severity: 'error',
    message: 'A line of the requirements file that pip would reject.',
    docs: 'pip stops at the first line it cannot parse, so the whole install fails. The message says what was expected at the column shown.',
  },
  {
    id: REQ_CODES.duplicate,
    severity: 'warning',
    message: 'The same package is required twice.',
    docs: 'pip refuses two different pins of one package, and two equal lines hide which one you meant to keep. The same name under different environment markers (`; sys_platform == "win32"`) is not a duplicate. Quick fixes: remove the line, or pin it to the installed version.',
  },
  {
    id: REQ_CODES.unpinned,
    severity: 'information',
    message: 'A requirement that does not pin one version.',
    docs: 'Without `==`, each build installs whatever is newest that day. Quick fix: pin to the version installed in the selected interpreter.',
  },
  {
    id: REQ_CODES.unused,
    severity: 'hint',
    message: 'A requirement that no file of the project imports.',
    docs: 'It makes the image bigger and the build slower. Tools run from the command line and backends loaded by name (jupyter, jupyterlab, notebook, ipykernel, gunicorn, uvicorn, streamlit, openpyxl, pyarrow, database drivers…) are never reported. Shown once every file of the project has been read. Quick fix: remove the line.',
  },
  {
    id: REQ_CODES.missing,
    severity: 'warning',
    message: 'A third-party import (in a .py file or a notebook cell) that no requirement provides.',
    docs: 'The container will fail with `ModuleNotFoundError`. Standard-library modules, the project\'s own modules, relative imports, imports inside `try: … except ImportError`, type-checking-only imports and imports in tests/docs are not reported. Active in folders that have a requirements.txt; re-checked when a file is saved. Quick fix: "Add NAME==VERSION to requirements.txt" (the installed version; no version when the interpreter does not have it).',
  },
];

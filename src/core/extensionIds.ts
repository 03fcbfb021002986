/** Marketplace ids of the extensions we cooperate with (one home: the generator, the lint and the editor read them). */
export const OUR_EXTENSION_ID = 'ds-containers.ds-containers';
export const PYTHON_EXTENSION_ID = 'ms-python.python';
export const JUPYTER_EXTENSION_ID = 'ms-toolsai.jupyter';
export const DEV_CONTAINERS_EXTENSION_ID = 'ms-vscode-remote.remote-containers';
/** The Python debugger (debugpy) extension that provides the `debugpy` debug type. */
export const PYTHON_DEBUGGER_EXTENSION_ID = 'ms-python.debugpy';

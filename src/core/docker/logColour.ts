// Container logs in a terminal: Python's logging, Jupyter, uvicorn and gunicorn all write to stderr, so
// colouring stderr red made every line look like an error. Only lines that read as errors are red.

// Jupyter's "[E …", logging's "ERROR"/"CRITICAL", a traceback's first line and its closing exception line.
const ERROR_LINE = new RegExp(
  [
    '^\\[?[EC]\\s\\d',
    '^\\[?(?:ERROR|CRITICAL|FATAL)\\b',
    '^Traceback \\(most recent call last\\)',
    '^\\s*[A-Z]\\w*(?:Error|Exception)\\b',
    '\\b(?:ERROR|CRITICAL|FATAL)\\b[:\\]]',
  ].join('|'),
);
const WARNING_LINE = /^(?:\[?W\s\d|\[?WARN(?:ING)?\b)|\b(?:WARN(?:ING)?[:\]]|\w+Warning:)/;

/** The text with each line coloured by what it says (red errors, yellow warnings), CRLF for a terminal. */
export function colourLogText(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) =>
      ERROR_LINE.test(line) ? `\x1b[31m${line}\x1b[0m` : WARNING_LINE.test(line) ? `\x1b[33m${line}\x1b[0m` : line,
    )
    .join('\r\n');
}

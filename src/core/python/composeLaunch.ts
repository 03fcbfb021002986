// The launch a project's own compose file gives: the `command:` of the service that builds the project (else
// of the first service with one), read as the entry and its arguments. Containerize proposes those arguments
// first, since they are how the project itself runs (issue 27, defect 2). Pure: the node layer parses the YAML.
import { asLaunch, DocumentedLaunch } from './launch';

interface Service {
  build?: unknown;
  command?: unknown;
}

/** The `python FILE ARGS` a compose service runs, with `from` naming FILE:LINE and the service; else undefined. */
export function composeLaunch(file: string, text: string, parsed: unknown): DocumentedLaunch | undefined {
  const services = (parsed as { services?: Record<string, Service> } | null)?.services;
  if (!services || typeof services !== 'object') return undefined;
  const names = Object.keys(services).filter((n) => services[n] && services[n].command !== undefined);
  const ordered = [...names.filter((n) => services[n].build !== undefined), ...names];
  for (const name of ordered) {
    const cmd = commandText(services[name].command);
    const line = commandLine(text, name);
    const launch = cmd && asLaunch(cmd, `${file}${line ? `:${line}` : ''} (service ${name})`, 'compose');
    if (!launch) continue;
    // Compose fills in `${VAR}` from the environment when it starts; the image's CMD would pass it literally.
    const vars = launch.args.filter((a) => a.includes('$'));
    if (vars.length) launch.missing = [...(launch.missing ?? []), ...vars];
    return launch;
  }
  return undefined;
}

/** A `command:` as one shell line: the string form as written; a list's words quoted; `sh -c "…"`'s script. */
function commandText(command: unknown): string | undefined {
  if (typeof command === 'string') return command;
  if (!Array.isArray(command) || !command.every((w) => ['string', 'number'].includes(typeof w))) return undefined;
  const words = command.map(String);
  if (/^(?:\/bin\/)?(?:ba)?sh$/.test(words[0] ?? '') && words[1] === '-c' && words.length === 3) return words[2];
  return words.map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** 1-based line of the service's `command:` key (the service's own block), for the note that names it. */
function commandLine(text: string, service: string): number | undefined {
  const lines = text.split(/\r?\n/);
  const escaped = service.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const start = lines.findIndex((l) => new RegExp(`^\\s+["']?${escaped}["']?\\s*:`).test(l));
  if (start < 0) return undefined;
  const indent = /^\s*/.exec(lines[start])![0].length;
  for (let i = start + 1; i < lines.length; i++) {
    const own = /^\s*/.exec(lines[i])![0].length;
    if (lines[i].trim() && !lines[i].trim().startsWith('#') && own <= indent) break;
    if (/^\s+command\s*:/.test(lines[i])) return i + 1;
  }
  return undefined;
}

/**
 * Standard-library top-level module names per Python minor version, used when no interpreter can
 * be probed (a probed interpreter's own `sys.stdlib_module_names` always wins).
 *
 * Provenance: BASE_311 is `sorted(sys.stdlib_module_names)` of CPython 3.11.7, printed by
 * `python3 scripts/gen-stdlib.py` (only 3.11 is installed on the build machine). The other versions
 * are derived from it with the additions and removals documented in each release's "What's New":
 * - 3.8: no zoneinfo/graphlib (added 3.9), no tomllib (3.11); still has dummy_threading and
 *   _dummy_thread (removed 3.9), parser, symbol, formatter (removed 3.10) and binhex (removed 3.11).
 * - 3.9: adds zoneinfo, _zoneinfo, graphlib; drops dummy_threading, _dummy_thread.
 * - 3.10: drops parser, symbol, formatter (3.10 is the first version with sys.stdlib_module_names).
 * - 3.11: adds tomllib; drops binhex.
 * - 3.12: drops distutils, imp, asynchat, asyncore, smtpd (PEP 632, PEP 594 schedule); adds the
 *   private _pydatetime, _pylong, _wmi.
 * - 3.13: drops the PEP 594 "dead batteries" (aifc, audioop, cgi, cgitb, chunk, crypt, imghdr,
 *   mailcap, msilib, nis, nntplib, ossaudiodev, pipes, sndhdr, spwd, sunau, telnetlib, uu, xdrlib)
 *   with their private helpers _crypt and _msi, and lib2to3; adds private modules (_colorize,
 *   _pyrepl, _interpreters, _interpchannels, _interpqueues, _suggestions, _sysconfig,
 *   _opcode_metadata, _android_support, _apple_support, _ios_support).
 * Private modules of older versions that 3.11 lacks are not listed; user code does not import them.
 */
const BASE_311 = `
__future__ _abc _aix_support _ast _asyncio _bisect _blake2 _bootsubprocess _bz2 _codecs _codecs_cn
_codecs_hk _codecs_iso2022 _codecs_jp _codecs_kr _codecs_tw _collections _collections_abc
_compat_pickle _compression _contextvars _crypt _csv _ctypes _curses _curses_panel _datetime _dbm
_decimal _elementtree _frozen_importlib _frozen_importlib_external _functools _gdbm _hashlib _heapq
_imp _io _json _locale _lsprof _lzma _markupbase _md5 _msi _multibytecodec _multiprocessing _opcode
_operator _osx_support _overlapped _pickle _posixshmem _posixsubprocess _py_abc _pydecimal _pyio
_queue _random _scproxy _sha1 _sha256 _sha3 _sha512 _signal _sitebuiltins _socket _sqlite3 _sre _ssl
_stat _statistics _string _strptime _struct _symtable _thread _threading_local _tkinter _tokenize
_tracemalloc _typing _uuid _warnings _weakref _weakrefset _winapi _zoneinfo abc aifc antigravity
argparse array ast asynchat asyncio asyncore atexit audioop base64 bdb binascii bisect builtins bz2
cProfile calendar cgi cgitb chunk cmath cmd code codecs codeop collections colorsys compileall
concurrent configparser contextlib contextvars copy copyreg crypt csv ctypes curses dataclasses
datetime dbm decimal difflib dis distutils doctest email encodings ensurepip enum errno faulthandler
fcntl filecmp fileinput fnmatch fractions ftplib functools gc genericpath getopt getpass gettext
glob graphlib grp gzip hashlib heapq hmac html http idlelib imaplib imghdr imp importlib inspect io
ipaddress itertools json keyword lib2to3 linecache locale logging lzma mailbox mailcap marshal math
mimetypes mmap modulefinder msilib msvcrt multiprocessing netrc nis nntplib nt ntpath nturl2path
numbers opcode operator optparse os ossaudiodev pathlib pdb pickle pickletools pipes pkgutil
platform plistlib poplib posix posixpath pprint profile pstats pty pwd py_compile pyclbr pydoc
pydoc_data pyexpat queue quopri random re readline reprlib resource rlcompleter runpy sched secrets
select selectors shelve shlex shutil signal site smtpd smtplib sndhdr socket socketserver spwd
sqlite3 sre_compile sre_constants sre_parse ssl stat statistics string stringprep struct subprocess
sunau symtable sys sysconfig syslog tabnanny tarfile telnetlib tempfile termios textwrap this
threading time timeit tkinter token tokenize tomllib trace traceback tracemalloc tty turtle
turtledemo types typing unicodedata unittest urllib uu uuid venv warnings wave weakref webbrowser
winreg winsound wsgiref xdrlib xml xmlrpc zipapp zipfile zipimport zlib zoneinfo
`
  .trim()
  .split(/\s+/);

const DELTAS: Record<string, { add: string[]; remove: string[] }> = {
  '3.8': {
    add: ['dummy_threading', '_dummy_thread', 'parser', 'symbol', 'formatter', 'binhex'],
    remove: ['zoneinfo', '_zoneinfo', 'graphlib', 'tomllib'],
  },
  '3.9': { add: ['parser', 'symbol', 'formatter', 'binhex'], remove: ['tomllib'] },
  '3.10': { add: ['binhex'], remove: ['tomllib'] },
  '3.11': { add: [], remove: [] },
  '3.12': { add: ['_pydatetime', '_pylong', '_wmi'], remove: ['distutils', 'imp', 'asynchat', 'asyncore', 'smtpd'] },
  '3.13': {
    add: [
      '_pydatetime',
      '_pylong',
      '_wmi',
      '_colorize',
      '_pyrepl',
      '_interpreters',
      '_interpchannels',
      '_interpqueues',
      '_suggestions',
      '_sysconfig',
      '_opcode_metadata',
      '_android_support',
      '_apple_support',
      '_ios_support',
    ],
    remove: [
      'distutils',
      'imp',
      'asynchat',
      'asyncore',
      'smtpd',
      'aifc',
      'audioop',
      'cgi',
      'cgitb',
      'chunk',
      'crypt',
      'imghdr',
      'mailcap',
      'msilib',
      'nis',
      'nntplib',
      'ossaudiodev',
      'pipes',
      'sndhdr',
      'spwd',
      'sunau',
      'telnetlib',
      'uu',
      'xdrlib',
      '_crypt',
      '_msi',
      'lib2to3',
    ],
  },
};

/** Python minor versions with bundled lists. */
export const BUNDLED_STDLIB_VERSIONS = Object.keys(DELTAS);

const cache = new Map<string, ReadonlySet<string>>();

/** Top-level stdlib module names of Python `version` ("X.Y"); the nearest bundled version when outside 3.8–3.13. */
export function bundledStdlib(version: string): ReadonlySet<string> {
  const key = nearestVersion(version);
  let set = cache.get(key);
  if (!set) {
    const d = DELTAS[key];
    set = new Set([...BASE_311.filter((n) => !d.remove.includes(n)), ...d.add]);
    cache.set(key, set);
  }
  return set;
}

function nearestVersion(version: string): string {
  if (DELTAS[version]) return version;
  const minor = Number(/^3\.(\d+)/.exec(version)?.[1] ?? 11);
  return minor < 8 ? '3.8' : minor > 13 ? '3.13' : '3.11';
}

/** The bundled versions whose standard library has `name` (e.g. tomllib: 3.11, 3.12, 3.13). */
export function stdlibVersionsOf(name: string): string[] {
  return BUNDLED_STDLIB_VERSIONS.filter((v) => bundledStdlib(v).has(name));
}

// dockerfile-language-service names its quick fixes `docker.command.*`, ids that Microsoft's and
// Docker's extensions register too ("command already exists"). We register the same fixes as
// `dsContainers.dockerfile.*` and translate both ways. The list is written out (a unit test checks
// it against the library) so that registering the commands does not load the library at activation.
const LIB_PREFIX = 'docker.command.';
const OUR_PREFIX = 'dsContainers.dockerfile.';

/** The library's fix names (its CommandIds without the prefix). */
export const LIBRARY_FIXES = [
  'convertToLowercase',
  'convertToUppercase',
  'removeExtraArgument',
  'directiveToBacktick',
  'directiveToBackslash',
  'flagToChown',
  'flagToCopyFrom',
  'flagToHealthcheckInterval',
  'flagToHealthcheckRetries',
  'flagToHealthcheckStartPeriod',
  'flagToHealthcheckTimeout',
  'removeEmptyContinuationLine',
  'convertToAS',
];

export const toOurCommand = (libId: string) =>
  libId.startsWith(LIB_PREFIX) ? OUR_PREFIX + libId.slice(LIB_PREFIX.length) : libId;
export const toLibCommand = (ourId: string) =>
  ourId.startsWith(OUR_PREFIX) ? LIB_PREFIX + ourId.slice(OUR_PREFIX.length) : ourId;

/** Our id for each of the library's fixes, e.g. dsContainers.dockerfile.convertToUppercase. */
export const fixCommandIds: string[] = LIBRARY_FIXES.map((f) => OUR_PREFIX + f);

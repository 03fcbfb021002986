import { DscRule } from './types';
import { dsc001 } from './dsc001-context-copy';
import { dsc002 } from './dsc002-pip-cache';
import { dsc003 } from './dsc003-base-tag';
import { dsc004 } from './dsc004-user';
import { dsc005 } from './dsc005-apt';
import { dsc006 } from './dsc006-jupyter-token';
import { dsc007 } from './dsc007-unpinned-pip';
import { dsc008 } from './dsc008-secrets';
import { dsc009 } from './dsc009-add';
import { dsc010 } from './dsc010-shell-form';
import { dsc011 } from './dsc011-cd';
import { dsc012 } from './dsc012-sudo';
import { dsc013 } from './dsc013-pipefail';
import { dsc014 } from './dsc014-apt-update';
import { dsc015 } from './dsc015-copy-from';
import { dsc017 } from './dsc017-curl-wget';
import { dsc018 } from './dsc018-copy-relative';
import { dsc019 } from './dsc019-lock-unused';
import { dsc020 } from './dsc020-cuda-devel';
import { dsc021 } from './dsc021-gui-opencv';
import { dsc022 } from './dsc022-apptainer-user';
import { dsc023 } from './dsc023-apptainer-entrypoint';
import { consistentInstructionCasing, fromAsCasing, stageNameCasing } from './buildkit/casing';
import { duplicateStageName, reservedStageName } from './buildkit/stages';
import { invalidDefaultArgInFrom, undefinedArgInFrom, undefinedVar } from './buildkit/vars';
import { legacyKeyValueFormat, maintainerDeprecated } from './buildkit/legacy';
import { workdirRelativePath } from './buildkit/workdir';
import { multipleInstructionsDisallowed } from './buildkit/multiple';
import { noEmptyContinuation } from './buildkit/continuation';
import { dsc016, exposeInvalidFormat, exposeProtoCasing } from './buildkit/expose';
import { copyIgnoredFile } from './buildkit/copyIgnored';
import {
  fromPlatformFlagConstDisallowed,
  invalidBaseImagePlatform,
  redundantTargetPlatform,
} from './buildkit/platform';
import { invalidDefinitionDescription } from './buildkit/description';

/** Our rules in id order (DSC008 and DSC010 are also Docker's SecretsUsedInArgOrEnv and JSONArgsRecommended). */
export const ownRules: readonly DscRule[] = [
  dsc001,
  dsc002,
  dsc003,
  dsc004,
  dsc005,
  dsc006,
  dsc007,
  dsc008,
  dsc009,
  dsc010,
  dsc011,
  dsc012,
  dsc013,
  dsc014,
  dsc015,
  dsc016,
  dsc017,
  dsc018,
  dsc019,
  dsc020,
  dsc021,
  dsc022,
  dsc023,
];

/** Docker's build checks, in the order of Docker's reference (the two above excepted). */
export const buildCheckRules: readonly DscRule[] = [
  stageNameCasing,
  fromAsCasing,
  noEmptyContinuation,
  consistentInstructionCasing,
  duplicateStageName,
  reservedStageName,
  maintainerDeprecated,
  undefinedArgInFrom,
  workdirRelativePath,
  undefinedVar,
  multipleInstructionsDisallowed,
  legacyKeyValueFormat,
  invalidDefaultArgInFrom,
  fromPlatformFlagConstDisallowed,
  copyIgnoredFile,
  invalidBaseImagePlatform,
  redundantTargetPlatform,
  exposeInvalidFormat,
  exposeProtoCasing,
  invalidDefinitionDescription,
];

export const allRules: readonly DscRule[] = [...ownRules, ...buildCheckRules];

/** True for a rule that is one of Docker's build checks (shown by Docker's own extension too). */
export const isBuildCheck = (r: DscRule): boolean => r.anchor?.tool === 'Docker';

/**
 * dockerfile-utils' validation codes that these rules report in Docker's terms (and with a fix): the
 * lint drops the library's finding so that one problem is one diagnostic; beside a peer extension
 * that shows the library's findings, the rules keep quiet instead.
 */
export const REPLACED_SYNTAX_CODES: Readonly<Record<string, readonly string[]>> = {
  ConsistentInstructionCasing: ['0'],
  DuplicateStageName: ['10'],
  NoEmptyContinuation: ['11'],
  MultipleInstructionsDisallowed: ['37'],
  MaintainerDeprecated: ['45'],
  WorkdirRelativePath: ['50'],
  ExposeInvalidFormat: ['24'],
  DSC016: ['24'],
};

import { DscRule, RuleHit } from './types';
import { buildCheck } from './buildkit/anchor';
import { secretFixes } from './secretFixes';

const SECRET_NAME =
  /(?:^|_)(?:TOKEN|SECRET|PASSWORD|PASSWD|PWD|CREDENTIALS?|AUTH|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|SECRET_?KEY)(?:_|$)/i;
// Well-known shapes of real credentials: GitHub, OpenAI-style, AWS access keys, Slack, Hugging Face.
const SECRET_SHAPES = [
  'gh[pousr]_[A-Za-z0-9]{20,}',
  'sk-[A-Za-z0-9_-]{20,}',
  'AKIA[0-9A-Z]{16}',
  'xox[abpr]-[A-Za-z0-9-]{10,}',
  'hf_[A-Za-z0-9]{20,}',
];
const SECRET_VALUE = new RegExp(`^(?:${SECRET_SHAPES.join('|')})$`);

export const dsc008: DscRule = {
  id: 'DSC008',
  anchor: buildCheck('SecretsUsedInArgOrEnv'),
  severity: 'warning',
  message: 'A secret-looking name or value in `ENV`/`ARG`: it is stored in the image for anyone who pulls it.',
  docs: [
    '`ENV` values are part of the image, and `ARG` values are recorded in its history (`docker history`): ' +
      'anyone with the',
    'image can read them, long after you have rotated nothing.',
    '',
    'Pass secrets at run time (`docker run -e API_KEY` or an `.env` file kept out of the build context), or, when the',
    'build itself needs one, use a BuildKit secret: `RUN --mount=type=secret,id=api_key …` with',
    '`docker build --secret id=api_key,env=API_KEY`.',
    '',
    'Quick fixes (when the line sets only that name): read it from a build secret in the RUN lines that use it, or',
    'move an `ENV` value to `.env` (passed at run time by `docker run --env-file .env` and compose `env_file`).',
  ].join('\n'),
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const i of ctx.df.getInstructions()) {
      const kw = i.getKeyword();
      if (kw !== 'ENV' && kw !== 'ARG') continue;
      const props = (i as unknown as { getProperties(): import('dockerfile-ast').Property[] }).getProperties();
      for (const p of props) {
        const value = p.getValue();
        // An ENV set to nothing holds no secret; an ARG without default still receives one at build time.
        const empty = value === null ? kw === 'ENV' : value === '' || value.startsWith('$');
        if ((SECRET_NAME.test(p.getName()) && !empty) || (value && SECRET_VALUE.test(value))) {
          hits.push({ span: ctx.rangeSpan(p.getRange()), fixes: () => secretFixes(ctx, i, p, props) });
        }
      }
    }
    return hits;
  },
};

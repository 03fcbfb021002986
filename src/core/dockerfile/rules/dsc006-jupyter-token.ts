import { DscRule, RuleHit } from './types';

// `--ServerApp.token=''`, `--NotebookApp.password=""`, `--IdentityProvider.token=` (also inside JSON strings).
const JUPYTER_APPS = 'NotebookApp|ServerApp|LabApp|IdentityProvider|PasswordIdentityProvider';
// Empty: '' or "" or \"\" (inside JSON), or nothing at all before a space, quote, comma, bracket or the end.
const EMPTY_VALUE = String.raw`(?:''|""|\\"\\"|(?=[\s",\]]|$))`;
const EMPTY_FLAG = new RegExp(String.raw`--(?:${JUPYTER_APPS})\.(?:token|password)\s*=\s*${EMPTY_VALUE}`, 'g');
const EMPTY_ENV = /\bJUPYTER_(?:TOKEN|PASSWORD)\s*=\s*(?:''|""|(?=\s|$))/g;

export const dsc006: DscRule = {
  id: 'DSC006',
  severity: 'error',
  message: 'Jupyter is started with an empty token or password: anyone who reaches the port can run code.',
  docs: [
    'A Jupyter server executes whatever code its clients send. With an empty token and password, anyone who can reach',
    'the published port (another user on the machine, a colleague on the network, a scanner on the internet) ' +
      'gets a shell.',
    '',
    'Keep the token: Jupyter prints a URL with it at start-up (`docker logs CONTAINER`), or pass your own with',
    '`-e JUPYTER_TOKEN=…` at run time, and publish the port on `127.0.0.1` only (`-p 127.0.0.1:8888:8888`).',
  ].join('\n'),
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const i of ctx.df.getInstructions()) {
      if (!['CMD', 'ENTRYPOINT', 'RUN', 'ENV'].includes(i.getKeyword())) continue;
      const { start, end } = ctx.bounds(i);
      const body = ctx.text.slice(start, end);
      for (const m of [...body.matchAll(EMPTY_FLAG), ...body.matchAll(EMPTY_ENV)]) {
        hits.push({ span: ctx.span(start + m.index!, start + m.index! + m[0].length) });
      }
    }
    return hits;
  },
};

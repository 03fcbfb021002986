import test from 'node:test';
import assert from 'node:assert/strict';
import { scanPython } from '../../src/core/python/extract';
import { extractNotebook } from '../../src/core/python/notebook';
import { launcherFacts } from '../../src/core/python/launchers';

const needs = (src: string): string[] => scanPython(src).needs.map((n) => `${n.kind}:${n.name}:${n.line}`);

test('pandas I/O engines: read/write parquet, Excel (xls, engine=), HTML, XML, feather, HDF', () => {
  assert.deepEqual(
    needs('import pandas as pd\ndf = pd.read_parquet("a.parquet")\ndf.to_parquet("b", engine="fastparquet")'),
    ['install:pyarrow:2', 'install:fastparquet:3'],
  );
  assert.deepEqual(needs('pd.read_excel("old.xls")\ndf.to_excel("x.xlsx")\npd.read_excel(f, engine="odf")'), [
    'install:xlrd:1',
    'install:openpyxl:2',
    'install:odfpy:3',
  ]);
  assert.deepEqual(
    needs(
      't = pd.read_html(url)\nx = pd.read_xml(p)\npd.read_feather(p)\ndf.to_hdf("s.h5", "k")\nwith pd.HDFStore("s.h5") as s:\n    pass',
    ),
    ['install:lxml:1', 'install:lxml:2', 'install:pyarrow:3', 'install:tables:4', 'install:tables:5'],
  );
  const evidence = scanPython('df = pd.read_parquet(p)').needs[0];
  assert.equal(evidence.reason, 'needed by pd.read_parquet');
});

test('no engine from a comment, a docstring or an unrelated string', () => {
  assert.deepEqual(needs('# df = pd.read_parquet("x")\nx = 1'), []);
  assert.deepEqual(needs('"""Call pd.read_excel(path) to load."""\nprint("use read_parquet( here")'), []);
  assert.deepEqual(needs('read_parquet_files = 3'), []);
});

test('database drivers behind connection URLs (SQLAlchemy, pandas, Celery brokers)', () => {
  assert.deepEqual(needs('engine = create_engine("postgresql://u:p@db/x")'), ['install:psycopg2-binary:1']);
  assert.deepEqual(needs('e = create_engine("mysql+pymysql://u@h/d")\nb = "redis://localhost:6379/0"'), [
    'install:PyMySQL:1',
    'install:redis:2',
  ]);
  assert.deepEqual(needs('scheme="postgresql+psycopg"'), []);
  assert.deepEqual(needs('u = "snowflake://acct/db"\nm = "mssql+pyodbc://dsn"\no = "oracle://h"'), [
    'install:snowflake-sqlalchemy:1',
    'install:pyodbc:2',
    'install:oracledb:3',
  ]);
  // A sentence that mentions a URL is not a URL; https is not a database; comments never count.
  assert.deepEqual(
    needs('print("connect with postgresql://host then")\nr = requests.get("https://x")\n# "mysql://x"'),
    [],
  );
});

test('web frameworks: EmailStr and wtforms Email need email-validator; forms and uploads python-multipart; templates Jinja2', () => {
  assert.deepEqual(needs('from pydantic import EmailStr\nclass U(BaseModel):\n    email: EmailStr'), [
    'install:email-validator:3',
  ]);
  assert.deepEqual(needs('email = StringField("E", validators=[DataRequired(), Email()])'), [
    'install:email-validator:1',
  ]);
  assert.deepEqual(needs('def login(form: Annotated[OAuth2PasswordRequestForm, Depends()]):\n    pass'), [
    'install:python-multipart:1',
  ]);
  assert.deepEqual(needs('async def up(name: str = Form(...), f: UploadFile = File(...)):\n    pass'), [
    'install:python-multipart:1',
  ]);
  assert.deepEqual(needs('templates = Jinja2Templates(directory="t")'), ['install:Jinja2:1']);
  assert.deepEqual(needs('ctx = CryptContext(schemes=["bcrypt"], deprecated="auto")'), ['install:bcrypt:1']);
  assert.deepEqual(needs('from fastapi.security import OAuth2PasswordRequestForm\nform = Form'), []);
  assert.deepEqual(needs('ctx = CryptContext(schemes=["argon2"])'), []);
});

test('model and data downloads, GUI backends: reported, never installed', () => {
  assert.deepEqual(needs('nlp = spacy.load("en_core_web_sm")'), ['report:en_core_web_sm:1']);
  assert.deepEqual(needs('nlp = spacy.load(model_dir)\nnlp2 = spacy.load("./training/model-best")'), []);
  assert.deepEqual(needs('nltk.download("punkt")'), ['report:nltk data "punkt":1']);
  assert.deepEqual(needs('matplotlib.use("TkAgg")'), ['report:Tk (apt python3-tk):1']);
  assert.deepEqual(needs('matplotlib.use("Agg")\nmpl.use("svg")'), []);
});

test('launchers: servers in shell scripts, Procfile, Makefile, compose command:, Dockerfile CMD/ENTRYPOINT', () => {
  const names = (kind: Parameters<typeof launcherFacts>[0], text: string): string[] =>
    launcherFacts(kind, text).needs.map((n) => `${n.name}:${n.line}`);
  assert.deepEqual(names('shell', '#!/bin/sh\nset -e\nexec gunicorn -b :5000 app:app'), ['gunicorn:3']);
  assert.deepEqual(names('procfile', 'web: flask db upgrade; gunicorn app:app\nworker: rq worker q'), [
    'gunicorn:1',
    'rq:2',
  ]);
  assert.deepEqual(names('makefile', 'serve:\n\tpanel serve app.py --autoreload\nlint:\n\techo gunicorn'), ['panel:2']);
  assert.deepEqual(
    names(
      'compose',
      'services:\n  web:\n    command: uvicorn main:app --host 0.0.0.0\n  w:\n    command: ["celery", "-A", "w", "worker"]\n  d:\n    command: celery --broker=redis://r flower',
    ),
    ['uvicorn:3', 'celery:5', 'celery:7', 'flower:7'],
  );
  assert.deepEqual(
    names(
      'dockerfile',
      'FROM python:3.11\nENTRYPOINT ["gunicorn", "--bind=0.0.0.0:9696", "predict:app"]\nCMD streamlit run app.py',
    ),
    ['gunicorn:2', 'streamlit:3'],
  );
  // Mentions are not commands: echo arguments, comments, a word in the middle of a command, `panel` without `serve`.
  assert.deepEqual(names('shell', '# gunicorn app:app\necho "start gunicorn now"\nls gunicorn.conf\npanel --help'), []);
  const docker = launcherFacts(
    'dockerfile',
    'FROM python\nRUN pip install -r requirements.txt\nRUN pip install gunicorn pymysql cryptography\nRUN python -m spacy download en_core_web_sm',
  );
  assert.deepEqual(
    docker.pipInstalls.map((p) => p.name),
    ['gunicorn', 'pymysql', 'cryptography'],
  );
  assert.deepEqual(
    docker.modules.map((m) => m.module),
    ['spacy'],
  );
  assert.deepEqual(
    docker.needs.map((n) => `${n.kind}:${n.name}`),
    ['report:en_core_web_sm'],
  );
});

const nb = (...cells: string[]): string =>
  JSON.stringify({
    nbformat: 4,
    metadata: { kernelspec: { name: 'python3', language: 'python' } },
    cells: cells.map((source) => ({ cell_type: 'code', source })),
  });

test("notebooks: %%file and %%writefile -a modules are the project's; %run -m, !python -m, %load_ext are needed; -qr and comments", () => {
  const r = extractNotebook(
    nb(
      '%%file mprun_demo.py\nimport numpy\n',
      '%%writefile -a pkg/helpers.py\nx = 1\n',
      '%run -m mymod.cli\n%run script.py\n!python -m spacy download en_core_web_sm\n!python -m pip install x\n',
      '%load_ext autoreload\n%load_ext sql\n%load_ext tensorboard\n',
      '%pip install -qr requirements.txt comet_ml  # install\n',
      '%conda install -c conda-forge -y pytorch cudatoolkit py-xgboost\n',
      '%%capture\nimport inside_capture\n',
      '%%sql\nSELECT 1\n',
      '%%R\nlibrary(x)\n',
    ),
  );
  assert.deepEqual(r.writtenModules, ['mprun_demo', 'helpers']);
  assert.deepEqual(
    r.moduleRuns.map((m) => m.module),
    ['mymod.cli', 'spacy', 'sql', 'tensorboard', 'sql'],
  );
  assert.deepEqual(
    r.pipInstalls.map((p) => p.name),
    ['x', 'comet_ml', 'torch', 'xgboost'],
  );
  assert.deepEqual(
    r.imports.map((i) => i.module),
    ['numpy', 'inside_capture'],
  );
});

test('Project view: a runtime need is a clickable evidence line under its package; an unavailable package says so', async () => {
  const { projectTree } = await import('../../src/core/projectTree');
  const nodes = projectTree({
    root: '/p',
    mode: 'script',
    entry: 'a.py',
    pythonVersion: '3.11',
    unresolved: [],
    localModules: [],
    notebooks: [],
    existing: [],
    gpu: false,
    warnings: [],
    requirements: [
      {
        name: 'pyarrow',
        verified: true,
        class: 'runtime',
        imports: [],
        sites: [],
        needs: [{ file: 'a.py', line: 3, reason: 'needed by pd.read_parquet' }],
      },
      {
        name: 'detectron2',
        verified: false,
        class: 'runtime',
        imports: ['detectron2'],
        sites: [{ module: 'detectron2', file: 'm/x.py', line: 3, class: 'runtime' }],
        unavailable: 'no distribution found',
      },
    ],
  });
  const runtime = nodes.find((n) => n.id === 'group:runtime')!.children!;
  const pyarrow = runtime.find((n) => n.label === 'pyarrow')!;
  assert.deepEqual(
    pyarrow.children!.map((c) => [c.label, c.description, c.open]),
    [['a.py:3', 'needed by pd.read_parquet', { file: 'a.py', line: 3, cell: undefined }]],
  );
  assert.match(
    runtime.find((n) => n.label === 'detectron2')!.description!,
    /no distribution found: a comment in requirements.txt, not installed/,
  );
});

test('the value of a pip option is not a package, in a notebook and in a Dockerfile (one list of such options)', () => {
  const notebook = extractNotebook(nb('%pip install --progress-bar off --timeout 60 --retries 3 numpy\n'));
  assert.deepEqual(
    notebook.pipInstalls.map((p) => p.name),
    ['numpy'],
  );
  const docker = launcherFacts('dockerfile', 'FROM python\nRUN pip install --timeout 60 --no-binary :all: gunicorn');
  assert.deepEqual(
    docker.pipInstalls.map((p) => p.name),
    ['gunicorn'],
  );
});

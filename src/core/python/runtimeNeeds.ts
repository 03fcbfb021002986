/**
 * Runtime needs that no import spells: pandas' optional I/O engines, the database driver behind a
 * connection URL, form parsing and e-mail validation behind web frameworks, pipeline packages and data
 * downloads. Each rule reads one logical line of code (comments gone, strings as `"N"` placeholders, so
 * a mention in a comment or an unrelated string never fires) and names the evidence it reports.
 */
export interface RuntimeNeed {
  /** The distribution needed; for `report` needs, what is missing (a model, a GUI toolkit). */
  name: string;
  /** "needed by pd.read_parquet", "DATABASE URL postgresql://" … */
  reason: string;
  line: number;
  /** `install`: goes into requirements.txt; `report`: a warning only (not a pip package, or a build step). */
  kind: 'install' | 'report';
  /** Other distributions that serve the same need, named in the evidence. */
  alternatives?: string[];
}

/** Cheap test over a whole file: only files that match are read line by line. */
export const NEEDS_TRIGGER = new RegExp(
  [
    // pandas' I/O engines, connection URLs
    String.raw`\b(?:read_|to_)(?:parquet|excel|html|xml|feather|hdf|orc)\b|HDFStore|:\/\/`,
    // pipeline packages, data downloads, a matplotlib backend
    String.raw`spacy\.load|nltk\.download|\.use\s*\(`,
    // forms, e-mail validation, templates and password hashing behind web frameworks
    String.raw`EmailStr|\bEmail\s*\(|OAuth2PasswordRequestForm|UploadFile|\bForm\s*\(|\bFile\s*\(`,
    'Jinja2Templates|CryptContext|DuckDuckGoSearch|to_markdown',
    // libraries that load another distribution at run time (FRAMEWORK_NEEDS)
    String.raw`Tokenizer|Trainer|TrainingArguments|device_map|load_in_[48]bit|BitsAndBytesConfig|LSUN|pyunpack`,
  ].join('|'),
);

interface Engine {
  name: string;
  alternatives?: string[];
}
const PANDAS_IO: Record<string, Engine> = {
  parquet: { name: 'pyarrow', alternatives: ['fastparquet'] },
  feather: { name: 'pyarrow' },
  orc: { name: 'pyarrow' },
  html: { name: 'lxml', alternatives: ['beautifulsoup4 + html5lib'] },
  xml: { name: 'lxml' },
  hdf: { name: 'tables' },
};

/**
 * Database URL schemes → the driver SQLAlchemy (and pandas through it) loads. `dialect+driver://` names the
 * driver itself; a bare dialect uses SQLAlchemy's default driver.
 */
const DB_DRIVERS: Record<string, string> = {
  postgresql: 'psycopg2-binary',
  postgres: 'psycopg2-binary',
  'postgresql+psycopg2': 'psycopg2-binary',
  'postgresql+psycopg': 'psycopg[binary]',
  'postgresql+asyncpg': 'asyncpg',
  'postgresql+pg8000': 'pg8000',
  mysql: 'mysqlclient',
  'mysql+pymysql': 'PyMySQL',
  'mysql+mysqldb': 'mysqlclient',
  'mysql+mysqlconnector': 'mysql-connector-python',
  'mysql+aiomysql': 'aiomysql',
  'mariadb+mariadbconnector': 'mariadb',
  mssql: 'pyodbc',
  'mssql+pyodbc': 'pyodbc',
  'mssql+pymssql': 'pymssql',
  oracle: 'oracledb',
  'oracle+oracledb': 'oracledb',
  'oracle+cx_oracle': 'cx-Oracle',
  snowflake: 'snowflake-sqlalchemy',
  redshift: 'sqlalchemy-redshift',
  'redshift+psycopg2': 'sqlalchemy-redshift',
  bigquery: 'sqlalchemy-bigquery',
  databricks: 'databricks-sql-connector',
  duckdb: 'duckdb-engine',
  clickhouse: 'clickhouse-sqlalchemy',
  trino: 'trino',
  'sqlite+aiosqlite': 'aiosqlite',
  redis: 'redis',
  rediss: 'redis',
  amqp: 'kombu',
  mongodb: 'pymongo',
  'mongodb+srv': 'pymongo',
};

// GUI toolkits behind matplotlib backends: not pip packages a slim image can use (Tk needs the system's libtk).
const GUI_BACKENDS: Record<string, string> = {
  tkagg: 'Tk (apt python3-tk)',
  qtagg: 'Qt (PyQt/PySide)',
  qt5agg: 'Qt 5 (PyQt5)',
  qt4agg: 'Qt 4',
  gtk3agg: 'GTK 3 (PyGObject)',
  gtk4agg: 'GTK 4 (PyGObject)',
  wxagg: 'wxWidgets (wxPython)',
  macosx: 'macOS only',
};

// Blank pipeline names that spaCy resolves without a package (`spacy.blank`) are not here: only `load`.
const SPACY_PIPELINE =
  /^[a-z]{2,3}_(?:core|dep|ent|sent)_[a-z]+_(?:sm|md|lg|trf)$|^(?:xx|en|de|fr|es|it|nl|pt|zh|ja)_[a-z_]+$/;

/**
 * "When X is used like this, Y is needed": libraries that import another distribution only when a feature is
 * used, so no import of the project names it. Each rule cites the documentation it comes from.
 */
interface FrameworkNeed {
  test: RegExp;
  name: string;
  reason: string;
  /** The documentation that says so. */
  source: string;
}
// The slow (Python) tokenizers of SentencePiece models; their `…TokenizerFast` twins need `tokenizers` only.
const SENTENCEPIECE_TOKENIZERS =
  'Llama|CodeLlama|T5|MT5|Albert|XLNet|Camembert|XLMRoberta|Marian|MBart|MBart50|Pegasus|BigBird|Reformer|' +
  'Barthez|DebertaV2|Gemma|Bert(?:Generation|Japanese)|Speech2Text|M2M100|NllbTokenizer';
export const FRAMEWORK_NEEDS: readonly FrameworkNeed[] = [
  {
    test: new RegExp(String.raw`\b(?:${SENTENCEPIECE_TOKENIZERS})Tokenizer\b(?!Fast)\s*\.\s*from_pretrained`),
    name: 'sentencepiece',
    reason: 'needed by the transformers SentencePiece tokenizer (LlamaTokenizer, T5Tokenizer, …)',
    source:
      'https://huggingface.co/docs/transformers/installation (the `sentencepiece` extra) ' +
      'and the model docs (“based on SentencePiece”)',
  },
  {
    test: /\bAutoTokenizer\s*\.\s*from_pretrained\s*\([^)]*\buse_fast\s*=\s*False/,
    name: 'sentencepiece',
    reason: 'needed by AutoTokenizer(use_fast=False): the slow tokenizers of SentencePiece models (LLaMA, T5, …)',
    source:
      'https://huggingface.co/docs/transformers/main_classes/tokenizer (slow tokenizers; the `sentencepiece` extra)',
  },
  {
    // Only transformers' own: `class Trainer(DefaultTrainer)` (detectron2) or minGPT's Trainer are not it.
    test: new RegExp(
      String.raw`^from\s+transformers\s+import\b.*\b(?:Seq2Seq)?Trainer\b|` +
        String.raw`\btransformers\.(?:Seq2Seq)?Trainer(?:Arguments)?\s*\(|\b(?:Seq2Seq)?TrainingArguments\s*\(`,
    ),
    name: 'accelerate',
    reason: 'needed by the transformers Trainer / TrainingArguments (they import accelerate)',
    source:
      'https://huggingface.co/docs/transformers/main_classes/trainer ' +
      '(Trainer is built on Accelerate; TrainingArguments raises ImportError without it)',
  },
  {
    test: /\bfrom_pretrained\s*\([^)]*\bdevice_map\s*=|^\s*device_map\s*=\s*"\d+"/,
    name: 'accelerate',
    reason: 'needed by from_pretrained(device_map=…) (big model inference)',
    source: 'https://huggingface.co/docs/accelerate/usage_guides/big_modeling (device_map requires Accelerate)',
  },
  {
    test: /\bload_in_[48]bit\s*=\s*True|\bBitsAndBytesConfig\s*\(/,
    name: 'bitsandbytes',
    reason: 'needed by load_in_8bit / load_in_4bit / BitsAndBytesConfig (quantised loading)',
    source: 'https://huggingface.co/docs/transformers/quantization/bitsandbytes',
  },
  {
    test: /\bLSUN\s*\(/,
    name: 'lmdb',
    reason: 'needed by torchvision.datasets.LSUN (it reads the LMDB database)',
    source: 'https://pytorch.org/vision/stable/generated/torchvision.datasets.LSUN.html (requires the lmdb package)',
  },
  {
    test: /^from\s+pyunpack\s+import\b|^import\s+pyunpack\b/,
    name: 'patool',
    reason: 'needed by pyunpack for archives other than zip (it calls patool)',
    source: 'https://github.com/ponty/pyunpack#readme (“patool … for non-zip archives”)',
  },
];

/** The needs of one logical line of Python (as the tokenizer gives it). */
export function pythonNeeds(text: string, strings: readonly (string | null)[], line: number): RuntimeNeed[] {
  const out: RuntimeNeed[] = [];
  for (const r of FRAMEWORK_NEEDS)
    if (r.test.test(text)) out.push({ name: r.name, reason: r.reason, line, kind: 'install' });
  const str = (placeholder: string | undefined): string | undefined =>
    placeholder === undefined ? undefined : (strings[Number(placeholder)] ?? undefined);
  for (const m of text.matchAll(/\b(read|to)_(parquet|excel|html|xml|feather|hdf|orc)\s*\(([^)]*)/g)) {
    const call = `${m[1] === 'read' ? 'pd.' : '.'}${m[1]}_${m[2]}`;
    const engineArg = str(/\bengine\s*=\s*"(\d+)"/.exec(m[3])?.[1]);
    if (m[2] === 'excel') {
      const file = str(/^\s*"(\d+)"/.exec(m[3])?.[1]) ?? '';
      const name =
        engineArg ?? (/\.xls$/i.test(file) && m[1] === 'read' ? 'xlrd' : /\.ods$/i.test(file) ? 'odfpy' : 'openpyxl');
      out.push({
        name: ENGINE_DIST[name] ?? name,
        reason: `needed by ${call}`,
        line,
        kind: 'install',
        alternatives: m[1] === 'to' && !engineArg ? ['XlsxWriter'] : undefined,
      });
      continue;
    }
    const engine = engineArg && ENGINE_DIST[engineArg] ? { name: ENGINE_DIST[engineArg] } : PANDAS_IO[m[2]];
    out.push({
      name: engine.name,
      reason: `needed by ${call}`,
      line,
      kind: 'install',
      alternatives: engine.alternatives,
    });
  }
  if (/\bHDFStore\s*\(/.test(text))
    out.push({ name: 'tables', reason: 'needed by pd.HDFStore', line, kind: 'install' });
  for (const m of text.matchAll(/"(\d+)"/g)) {
    const value = strings[Number(m[1])];
    if (!value) continue;
    const url = /^([a-z][a-z0-9_]*(?:\+[a-z0-9_]+)?):\/\/\S*$/.exec(value);
    const driver = url && DB_DRIVERS[url[1]];
    if (driver) out.push({ name: driver, reason: `connection URL ${url[1]}://`, line, kind: 'install' });
  }
  const spacy = /\bspacy\.load\s*\(\s*"(\d+)"/.exec(text);
  const model = spacy && str(spacy[1]);
  if (model && SPACY_PIPELINE.test(model)) {
    out.push({
      name: model,
      reason:
        `spacy.load("${model}"): a pipeline package; ` +
        `add \`RUN python -m spacy download ${model}\` to the Dockerfile`,
      line,
      kind: 'report',
    });
  }
  const nltk = /\bnltk\.download\s*\(\s*"(\d+)"/.exec(text);
  const corpus = nltk && str(nltk[1]);
  if (corpus)
    out.push({
      name: `nltk data "${corpus}"`,
      reason:
        `nltk.download("${corpus}") fetches data at run time; ` +
        `a container without network needs \`RUN python -m nltk.downloader ${corpus}\``,
      line,
      kind: 'report',
    });
  const backend = /\b(?:matplotlib|mpl)\.use\s*\(\s*"(\d+)"/.exec(text);
  const gui = backend && GUI_BACKENDS[(str(backend[1]) ?? '').toLowerCase()];
  if (gui)
    out.push({
      name: gui,
      reason: `matplotlib.use("${str(backend![1])}") needs a GUI toolkit a container has no display for; use "Agg"`,
      line,
      kind: 'report',
    });
  if (/\bEmailStr\b/.test(text) && !/^(?:from|import)\b/.test(text))
    out.push({ name: 'email-validator', reason: 'needed by pydantic EmailStr', line, kind: 'install' });
  if (/\bEmail\s*\(/.test(text) && /validators/.test(text))
    out.push({ name: 'email-validator', reason: 'needed by the wtforms Email() validator', line, kind: 'install' });
  if (
    /\b(?:OAuth2PasswordRequestForm|UploadFile)\b|[=:]\s*(?:Annotated\[[^\]]*,\s*)?(?:Form|File)\s*\(/.test(text) &&
    !/^(?:from|import)\b/.test(text)
  ) {
    out.push({ name: 'python-multipart', reason: 'needed by FastAPI form and file parameters', line, kind: 'install' });
  }
  if (/\bDuckDuckGoSearch(?:Run|Results)\s*\(/.test(text))
    out.push({
      name: 'duckduckgo-search',
      reason: 'needed by the LangChain DuckDuckGo search tool',
      line,
      kind: 'install',
    });
  if (/\.to_markdown\s*\(/.test(text))
    out.push({ name: 'tabulate', reason: 'needed by DataFrame.to_markdown', line, kind: 'install' });
  if (/\bJinja2Templates\s*\(/.test(text))
    out.push({ name: 'Jinja2', reason: 'needed by Jinja2Templates', line, kind: 'install' });
  const crypt = /\bCryptContext\s*\(([^)]*)/.exec(text);
  if (
    crypt &&
    /"(\d+)"/.test(crypt[1]) &&
    [...crypt[1].matchAll(/"(\d+)"/g)].some((s) => strings[Number(s[1])] === 'bcrypt')
  ) {
    out.push({ name: 'bcrypt', reason: 'needed by passlib CryptContext(schemes=["bcrypt"])', line, kind: 'install' });
  }
  return out;
}

const ENGINE_DIST: Record<string, string> = {
  openpyxl: 'openpyxl',
  xlrd: 'xlrd',
  xlsxwriter: 'XlsxWriter',
  odf: 'odfpy',
  pyxlsb: 'pyxlsb',
  calamine: 'python-calamine',
  pyarrow: 'pyarrow',
  fastparquet: 'fastparquet',
  lxml: 'lxml',
  bs4: 'beautifulsoup4',
  html5lib: 'html5lib',
  etree: 'lxml',
};

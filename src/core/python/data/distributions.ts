import { normalizeName } from '../../requirements/names';

/**
 * Import names whose PyPI distribution has a different name. Each entry is the distribution
 * that installs that module (its wheel's top-level package); dotted keys cover namespace
 * packages and are matched on the longest dotted prefix. Names that differ only by case or by
 * `-`/`_` are left out: pip normalises those (PEP 503). Ambiguous names (one module installed by
 * several unrelated distributions, e.g. `pynvml`, `ffmpeg`, `Levenshtein`) are left out on purpose:
 * without an interpreter to ask, they are reported as unverified instead of guessed.
 */
export const IMPORT_TO_DISTRIBUTION: Readonly<Record<string, string>> = {
  // Scientific Python and machine learning
  sklearn: 'scikit-learn',
  skimage: 'scikit-image',
  skopt: 'scikit-optimize',
  imblearn: 'imbalanced-learn',
  surprise: 'scikit-surprise',
  autosklearn: 'auto-sklearn',
  umap: 'umap-learn',
  faiss: 'faiss-cpu',
  pylab: 'matplotlib',
  'mpl_toolkits.mplot3d': 'matplotlib',
  'mpl_toolkits.axes_grid1': 'matplotlib',
  'mpl_toolkits.axisartist': 'matplotlib',
  'mpl_toolkits.basemap': 'basemap',
  community: 'python-louvain',
  Bio: 'biopython',
  osgeo: 'GDAL',
  pyro: 'pyro-ppl',
  paddle: 'paddlepaddle',
  haiku: 'dm-haiku',
  sonnet: 'dm-sonnet',
  tree: 'dm-tree',
  gin: 'gin-config',
  absl: 'absl-py',
  whisper: 'openai-whisper',
  llama_cpp: 'llama-cpp-python',
  vertexai: 'google-cloud-aiplatform',
  Orange: 'Orange3',
  hydra: 'hydra-core',
  weaviate: 'weaviate-client',
  camelot: 'camelot-py',
  tabula: 'tabula-py',
  talib: 'TA-Lib',
  pyximport: 'Cython',
  tensorflow_serving: 'tensorflow-serving-api',
  imwatermark: 'invisible-watermark',
  taming: 'taming-transformers',
  thop: 'thop',
  clip: 'openai-clip',
  sql: 'ipython-sql',
  progressbar: 'progressbar2',
  pynvml: 'nvidia-ml-py',
  ffmpeg: 'ffmpeg-python',
  memory_profiler: 'memory-profiler',
  line_profiler: 'line-profiler',
  mglearn: 'mglearn',
  // Images, audio, documents
  cv2: 'opencv-python',
  PIL: 'Pillow',
  fitz: 'PyMuPDF',
  docx: 'python-docx',
  pptx: 'python-pptx',
  pdfminer: 'pdfminer.six',
  speech_recognition: 'SpeechRecognition',
  barcode: 'python-barcode',
  newspaper: 'newspaper3k',
  cairo: 'pycairo',
  OpenGL: 'PyOpenGL',
  gi: 'PyGObject',
  wx: 'wxPython',
  // Data formats, parsing, configuration
  yaml: 'PyYAML',
  'ruamel.yaml': 'ruamel.yaml',
  bs4: 'beautifulsoup4',
  dateutil: 'python-dateutil',
  dotenv: 'python-dotenv',
  decouple: 'python-decouple',
  attr: 'attrs',
  magic: 'python-magic',
  slugify: 'python-slugify',
  markdown_it: 'markdown-it-py',
  pkg_resources: 'setuptools',
  _cffi_backend: 'cffi',
  'zope.interface': 'zope.interface',
  // Networking, services, databases
  jwt: 'PyJWT',
  jose: 'python-jose',
  multipart: 'python-multipart',
  socketio: 'python-socketio',
  engineio: 'python-engineio',
  websocket: 'websocket-client',
  zmq: 'pyzmq',
  grpc: 'grpcio',
  grpc_tools: 'grpcio-tools',
  kafka: 'kafka-python',
  MySQLdb: 'mysqlclient',
  'mysql.connector': 'mysql-connector-python',
  cassandra: 'cassandra-driver',
  bson: 'pymongo',
  gridfs: 'pymongo',
  memcache: 'python-memcached',
  dns: 'dnspython',
  ldap: 'python-ldap',
  nacl: 'PyNaCl',
  Crypto: 'pycryptodome',
  Cryptodome: 'pycryptodomex',
  OpenSSL: 'pyOpenSSL',
  git: 'GitPython',
  github: 'PyGithub',
  telegram: 'python-telegram-bot',
  serial: 'pyserial',
  usb: 'pyusb',
  Xlib: 'python-xlib',
  airflow: 'apache-airflow',
  rest_framework: 'djangorestframework',
  corsheaders: 'django-cors-headers',
  // Cloud SDKs (namespace packages: one distribution per sub-package)
  'google.protobuf': 'protobuf',
  'google.auth': 'google-auth',
  'google.oauth2': 'google-auth',
  'google.api_core': 'google-api-core',
  'google.cloud.storage': 'google-cloud-storage',
  'google.cloud.bigquery': 'google-cloud-bigquery',
  'google.cloud.pubsub': 'google-cloud-pubsub',
  'google.cloud.pubsub_v1': 'google-cloud-pubsub',
  'google.cloud.firestore': 'google-cloud-firestore',
  'google.cloud.aiplatform': 'google-cloud-aiplatform',
  'google.cloud.secretmanager': 'google-cloud-secret-manager',
  'google.generativeai': 'google-generativeai',
  'google.genai': 'google-genai',
  googleapiclient: 'google-api-python-client',
  google_auth_oauthlib: 'google-auth-oauthlib',
  'azure.storage.blob': 'azure-storage-blob',
  'azure.identity': 'azure-identity',
  'azure.cosmos': 'azure-cosmos',
  'azure.keyvault.secrets': 'azure-keyvault-secrets',
  'azure.ai.ml': 'azure-ai-ml',
};

/**
 * Import names that several distributions provide. The first choice (IMPORT_TO_DISTRIBUTION) is the
 * usual one; when no interpreter says which one is installed, the warning names these alternatives.
 */
export const AMBIGUOUS_IMPORTS: Readonly<Record<string, readonly string[]>> = {
  progressbar: ['progressbar'], jwt: ['python-jwt', 'jwt'], magic: ['file-magic'], serial: ['serial'],
  bs4: ['bs4 (a stub that installs beautifulsoup4)'], sklearn: ['sklearn (a deprecated stub)'],
  cv2: ['opencv-python-headless', 'opencv-contrib-python'], dateutil: ['py-dateutil'], thop: ['ultralytics-thop'],
  clip: ['clip (an unrelated distribution)', 'git+https://github.com/openai/CLIP'], sql: ['jupysql'],
  pynvml: ['pynvml'], ffmpeg: ['python-ffmpeg', 'ffmpeg'], Crypto: ['pycrypto (unmaintained)'], docx: ['docx'],
  fitz: ['fitz (an unrelated distribution)'], telegram: ['telegram'], taming: ['git+https://github.com/CompVis/taming-transformers'],
  'google.cloud': ['the google-cloud-<service> distribution of the sub-package you import'],
};

/**
 * Well-known distributions whose import name is the distribution name, so that the common case
 * is verified without an interpreter. Spelled as published on PyPI.
 */
export const SAME_NAME_DISTRIBUTIONS: readonly string[] = [
  'numpy', 'pandas', 'scipy', 'matplotlib', 'seaborn', 'plotly', 'bokeh', 'altair', 'statsmodels', 'sympy',
  'networkx', 'numba', 'xarray', 'dask', 'polars', 'pyarrow', 'duckdb', 'h5py', 'tables', 'zarr', 'joblib',
  'torch', 'torchvision', 'torchaudio', 'torchtext', 'torchmetrics', 'lightning', 'pytorch_lightning',
  'tensorflow', 'keras', 'jax', 'jaxlib', 'flax', 'optax', 'xgboost', 'lightgbm', 'catboost', 'transformers',
  'datasets', 'tokenizers', 'accelerate', 'peft', 'diffusers', 'timm', 'safetensors', 'einops',
  'sentence_transformers', 'huggingface_hub', 'onnx', 'onnxruntime', 'shap', 'lime', 'optuna', 'hyperopt',
  'mlflow', 'wandb', 'nltk', 'spacy', 'gensim', 'textblob', 'tiktoken', 'openai', 'anthropic', 'langchain',
  'ultralytics', 'albumentations', 'imageio', 'tifffile', 'pydicom', 'nibabel', 'cupy', 'pycuda', 'tensorrt',
  'geopandas', 'shapely', 'pyproj', 'rasterio', 'fiona', 'folium', 'astropy', 'emcee', 'lmfit', 'pymc', 'arviz',
  'requests', 'httpx', 'aiohttp', 'urllib3', 'flask', 'fastapi', 'uvicorn', 'starlette', 'pydantic', 'streamlit',
  'gradio', 'dash', 'sqlalchemy', 'psycopg2', 'pymongo', 'redis', 'boto3', 'botocore', 's3fs', 'gcsfs', 'fsspec',
  'setuptools', 'openpyxl', 'xlrd', 'xlsxwriter', 'lxml', 'tabulate', 'pytz', 'tqdm', 'click', 'typer', 'rich', 'psutil',
  'jinja2', 'ipywidgets', 'ipykernel', 'nbformat', 'pytest', 'hypothesis', 'six', 'toml', 'tomli', 'ujson',
  'orjson', 'simplejson', 'regex', 'pyparsing', 'paramiko', 'selenium', 'scrapy', 'pygame', 'gymnasium', 'gym',
  'pyspark', 'ray', 'celery', 'prefect', 'dagster', 'mlxtend', 'wordcloud', 'missingno', 'pytesseract',
  'mediapipe', 'dlib', 'cython', 'pyodbc', 'neo4j', 'elasticsearch', 'chromadb', 'annoy', 'hnswlib',
  'ipython', 'notebook', 'jupyterlab', 'nbconvert', 'papermill', 'tensorboard', 'sqlmodel', 'alembic', 'websockets',
  'gunicorn', 'markdown', 'pygments', 'pymysql', 'asyncpg', 'jsonschema', 'marshmallow', 'fastparquet', 'tenacity',
  'loguru', 'omegaconf', 'evaluate', 'trl', 'bitsandbytes', 'sentencepiece', 'librosa', 'pydub', 'soundfile',
  'moviepy', 'yfinance', 'pandas_datareader', 'plotnine', 'pydeck', 'kaleido', 'sktime', 'prophet', 'pmdarima',
  'statsforecast', 'darts', 'tslearn', 'yellowbrick', 'graphviz', 'pydot', 'pyvis', 'igraph', 'pdfplumber',
  'pypdf', 'PyPDF2', 'openpyxl', 'xgboost', 'category_encoders', 'keras_tuner', 'tensorflow_hub', 'torch_geometric',
  'llama_index', 'langchain_community', 'langchain_openai', 'qdrant_client', 'pymilvus', 'ydata_profiling',
  'great_expectations', 'mlxtend', 'pyLDAvis', 'emoji', 'unidecode', 'rapidfuzz', 'tabulate', 'pendulum', 'arrow',
];

/**
 * Modules that only exist inside one platform or hosted notebook service: no distribution puts
 * them into a Linux container, so they are reported instead of required.
 */
export const PLATFORM_ONLY: Readonly<Record<string, string>> = {
  'google.colab': 'Google Colab',
  kaggle_secrets: 'Kaggle notebooks',
  kaggle_datasets: 'Kaggle notebooks',
  'pyspark.dbutils': 'Databricks',
  dbutils: 'Databricks',
  pyodide: 'Pyodide',
  js: 'Pyodide',
  win32api: 'Windows (pywin32)',
  win32con: 'Windows (pywin32)',
  win32com: 'Windows (pywin32)',
  win32gui: 'Windows (pywin32)',
  pythoncom: 'Windows (pywin32)',
  pywintypes: 'Windows (pywin32)',
  AppKit: 'macOS (pyobjc)',
  Foundation: 'macOS (pyobjc)',
  objc: 'macOS (pyobjc)',
};

/**
 * Namespace roots shared by many distributions, each named after its dotted path by convention
 * (google.cloud.translate is google-cloud-translate): an unknown sub-package keeps its dotted name.
 */
export const NAMESPACE_ROOTS: ReadonlySet<string> = new Set(['google', 'azure', 'zope', 'jaraco', 'sphinxcontrib', 'backports']);

/**
 * Distributions that install the same import package as a better-known one, so that declaring either
 * satisfies the import (key: the distribution IMPORT_TO_DISTRIBUTION or the scanner names; values:
 * drop-in alternatives). Each is a build of the same project publishing the same top-level package:
 * - opencv-python-headless, opencv-contrib-python(-headless): opencv-python without GUI and/or with
 *   the contrib modules, all providing `cv2` (the OpenCV packaging README lists all four).
 * - psycopg2-binary: the self-contained wheel of psycopg2, providing `psycopg2`.
 * - tensorflow-cpu / tensorflow-gpu: CPU-only and (older) GPU builds of TensorFlow, providing `tensorflow`.
 * - pillow-simd: a SIMD-optimised fork of Pillow that installs `PIL`.
 */
export const ALTERNATIVE_DISTRIBUTIONS: Readonly<Record<string, readonly string[]>> = {
  'opencv-python': ['opencv-python-headless', 'opencv-contrib-python', 'opencv-contrib-python-headless'],
  psycopg2: ['psycopg2-binary'],
  tensorflow: ['tensorflow-cpu', 'tensorflow-gpu'],
  Pillow: ['pillow-simd'],
};

const ALTERNATIVE_KEYS: ReadonlyMap<string, readonly string[]> = (() => {
  const groups = new Map<string, string[]>();
  for (const [main, alts] of Object.entries(ALTERNATIVE_DISTRIBUTIONS)) {
    const group = [main, ...alts].map(normalizeName);
    for (const k of group) groups.set(k, group);
  }
  return groups;
})();

/** The normalised names that satisfy a requirement for `name`: itself and its drop-in alternatives. */
export function equivalentDistributions(name: string): readonly string[] {
  const key = normalizeName(name);
  return ALTERNATIVE_KEYS.get(key) ?? [key];
}

/** Whether `declared` (normalised names) holds `name` or one of its alternatives. */
export function isDeclared(name: string, declared: ReadonlySet<string>): boolean {
  return equivalentDistributions(name).some((k) => declared.has(k));
}

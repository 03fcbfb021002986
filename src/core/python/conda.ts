/**
 * Conda package names → the distribution pip installs. Most conda-forge Python packages carry their PyPI
 * name; these are the exceptions, and the packages that are no Python distribution at all (the CUDA
 * toolkit, compilers, system libraries), which pip cannot install and are reported instead.
 */
const RENAMED: Readonly<Record<string, string>> = {
  pytorch: 'torch',
  'pytorch-cpu': 'torch',
  'pytorch-gpu': 'torch',
  'py-xgboost': 'xgboost',
  'py-xgboost-cpu': 'xgboost',
  'py-xgboost-gpu': 'xgboost',
  'python-graphviz': 'graphviz',
  pytables: 'tables',
  'py-opencv': 'opencv-python',
  opencv: 'opencv-python',
  'matplotlib-base': 'matplotlib',
  pyqt: 'PyQt5',
  'tensorflow-base': 'tensorflow',
  'lightgbm-cpu': 'lightgbm',
  'py-lief': 'lief',
  'pytorch-lightning': 'pytorch-lightning',
  'msgpack-python': 'msgpack',
  ruamel_yaml: 'ruamel.yaml',
  'python-kaleido': 'kaleido',
  'py-spy': 'py-spy',
  'faiss-cpu': 'faiss-cpu',
  faiss: 'faiss-cpu',
  'faiss-gpu': 'faiss-gpu',
  jupyter_core: 'jupyter-core',
  'scikit-learn-intelex': 'scikit-learn-intelex',
  importlib_metadata: 'importlib-metadata',
};

// Programs conda-forge packages for the system that environment files list beside Python ones.
const SYSTEM_PROGRAMS =
  'p7zip|unzip|zip|pandoc|poppler|tesseract|imagemagick|openjdk|sqlite|curl|wget|jq|cairo|pango|swig|sox';

/** Not Python distributions: the interpreter, package tools, CUDA, compilers, system and R libraries. */
const NOT_PIP_NAMES = [
  // the interpreter and package tools
  'python|pip|conda|mamba|setuptools|wheel',
  // CUDA and maths libraries
  'cudatoolkit|cudnn|cuda(?:-.*)?|pytorch-cuda|nccl|nvidia-.*|mkl(?:-.*)?|blas|libblas|openblas|liblapack',
  // compilers and tools
  'cxx-compiler|c-compiler|compilers|gcc.*|gxx.*|gfortran.*|make|cmake|git|nodejs',
  // system and R libraries
  'graphviz|ffmpeg|openssl|zlib|hdf5|libnetcdf|gdal-bin|proj|geos|tk|qt|r|r-.*|lib.*|_.*',
  'ca-certificates|certifi-system',
  // command-line programs conda-forge packages for the system (p7zip's 7z, pandoc, poppler, tesseract…): no
  // PyPI distribution of theirs is what the environment meant (conda-forge feedstocks p7zip, pandoc, …)
  SYSTEM_PROGRAMS + '|htop|xz|bzip2|lz4-c|zstd|pkg-config|boost|eigen',
  // Windows toolchains, the CPU-only marker, notebook add-ons that pip does not serve
  String.raw`vs20\d\d.*|m2w64-.*|cpuonly|jupyter_contrib_nbextensions|ipython_genutils`,
];
const NOT_PIP = new RegExp(`^(?:${NOT_PIP_NAMES.join('|')})$`);

/** The pip distribution for a conda package name; undefined when pip has none (report it instead). */
export function condaToPip(name: string): string | undefined {
  const key = name.toLowerCase();
  if (RENAMED[key]) return RENAMED[key];
  if (NOT_PIP.test(key)) return undefined;
  return name;
}

/** Conda packages that matter but pip cannot install: the CUDA toolkit and friends, said by name. */
export function condaReportReason(name: string): string | undefined {
  const key = name.toLowerCase();
  if (/^(?:cudatoolkit|cudnn|cuda(?:-.*)?|pytorch-cuda|nccl)$/.test(key))
    return 'the CUDA runtime comes with the GPU wheels (torch, tensorflow) or a CUDA base image, not pip';
  if (new RegExp(`^(?:graphviz|ffmpeg|gdal-bin|proj|geos|hdf5|tk|nodejs|git|${SYSTEM_PROGRAMS})$`).test(key))
    return 'a system program or library: install it with apt in the Dockerfile';
  if (/^r-|^r$/.test(key)) return 'an R package: not installable with pip';
  return undefined;
}

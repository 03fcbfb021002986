/**
 * Which releases of the common compiled packages ship a CPython wheel for Linux x86_64 (manylinux), per
 * Python minor version: the first and the last release that has one. A pin outside every range has no wheel
 * for that Python: pip falls back to the source archive, which needs a compiler and headers that slim images
 * lack (and even with them, old sources often do not compile against a newer CPython).
 *
 * Provenance: each package's own release notes (numpy's "The Python versions supported in this release are…",
 * pandas' whatsnew "compatibility with Python 3.x", SciPy's, scikit-learn's, matplotlib's and Pillow's release
 * notes, PyTorch's and TensorFlow's release pages), one comment per row. Re-read while writing the table:
 * numpy 1.14.5's notes (2.7 and 3.4–3.6 only) and 1.15.4's (3.4–3.7); scikit-learn's
 * 0.24.0 ("3.6 to 3.9"), 1.3.0 ("3.8 to 3.11"), 1.3.1 ("3.8 to 3.12") and 1.8.0 (requires 3.11) pages;
 * SciPy 1.7.2's notes (first 3.10 wheels); pandas 1.5.0's ("3.8 and higher"). The other boundaries are from
 * those projects' notes as known when this was written, not re-checked against the index's file lists (no
 * index is reachable from the build machines): correct a row with its source when one proves wrong.
 * Where a boundary was not certain the table errs on the safe side: the first release is the one that
 * certainly has the wheel, the last the one that certainly still has it. An absent minor (e.g. TensorFlow
 * on 3.13) means "not known": no finding is made from it. `last` absent means still published.
 */
export interface WheelRange {
  first: string;
  last?: string;
}

export type WheelCoverage = Partial<Record<PythonMinor, WheelRange>>;

/** The Python minor versions the table covers, oldest first. */
export const PYTHON_MINORS = ['3.6', '3.7', '3.8', '3.9', '3.10', '3.11', '3.12', '3.13'] as const;
export type PythonMinor = (typeof PYTHON_MINORS)[number];

const r = (first: string, last?: string): WheelRange => (last ? { first, last } : { first });

export const WHEEL_COVERAGE: Readonly<Record<string, WheelCoverage>> = {
  // numpy release notes: 1.14.5 "2.7 and 3.4-3.6"; 1.15.x "3.4-3.7"; 1.17.3 first with 3.8 wheels; 1.19.3
  // first with 3.9; 1.19.5 last for 3.6; 1.21.3 first with 3.10; 1.21.6 last for 3.7; 1.23.2 first with 3.11;
  // 1.24.4 last for 3.8; 1.26.0 first with 3.12; 2.0.2 last for 3.9; 2.1.0 first with 3.13; 2.2.6 last for 3.10.
  numpy: {
    '3.6': r('1.12.0', '1.19.5'),
    '3.7': r('1.15.0', '1.21.6'),
    '3.8': r('1.17.3', '1.24.4'),
    '3.9': r('1.19.3', '2.0.2'),
    '3.10': r('1.21.3', '2.2.6'),
    '3.11': r('1.23.2'),
    '3.12': r('1.26.0'),
    '3.13': r('2.1.0'),
  },
  // pandas whatsnew: 0.23.2 "first pandas release that's compatible with Python 3.7"; 0.25.3 first 3.8 wheels;
  // 1.1.3 "added Python 3.9 wheels"; 1.1.5 last for 3.6; 1.3.4 first with 3.10; 1.3.5 last for 3.7; 1.5.1
  // first with 3.11; 2.0.3 last for 3.8; 2.1.1 first with 3.12; 2.2.3 first with 3.13 (and last known for 3.9);
  // 3.0 requires Python 3.11.
  pandas: {
    '3.6': r('0.20.1', '1.1.5'),
    '3.7': r('0.23.2', '1.3.5'),
    '3.8': r('0.25.3', '2.0.3'),
    '3.9': r('1.1.3', '2.2.3'),
    '3.10': r('1.3.4', '2.3.3'),
    '3.11': r('1.5.1'),
    '3.12': r('2.1.1'),
    '3.13': r('2.2.3'),
  },
  // scikit-learn release notes: 0.19.2 "exclusively targeted at supporting Python 3.7"; 0.22 first for 3.8;
  // 0.24 "supports Python 3.6 to 3.9" (last for 3.6: 0.24.2); 1.0.1 first with 3.10; 1.0.2 last for 3.7;
  // 1.1.3 wheels for 3.11; 1.3.1 "3.8 to 3.12"; 1.3.2 last for 3.8; 1.5.2 first with 3.13; 1.6.1 last for
  // 3.9; 1.8 requires Python 3.11 (1.7.2 last for 3.10).
  'scikit-learn': {
    '3.6': r('0.19.0', '0.24.2'),
    '3.7': r('0.19.2', '1.0.2'),
    '3.8': r('0.22', '1.3.2'),
    '3.9': r('0.24.0', '1.6.1'),
    '3.10': r('1.0.1', '1.7.2'),
    '3.11': r('1.1.3'),
    '3.12': r('1.3.1'),
    '3.13': r('1.5.2'),
  },
  // SciPy release notes: 1.3.2 "adds support for Python 3.8"; 1.5.4 wheels for 3.9; 1.5.4 last for 3.6;
  // 1.7.2 "includes wheels for Python 3.10"; 1.7.3 last for 3.7; 1.9.2 first with 3.11; 1.10.1 last for 3.8;
  // 1.11.2 first with 3.12; 1.13.1 last for 3.9; 1.14.1 first with 3.13; 1.15.3 last for 3.10.
  scipy: {
    '3.6': r('0.19.0', '1.5.4'),
    '3.7': r('1.1.0', '1.7.3'),
    '3.8': r('1.3.2', '1.10.1'),
    '3.9': r('1.5.4', '1.13.1'),
    '3.10': r('1.7.2', '1.15.3'),
    '3.11': r('1.9.2'),
    '3.12': r('1.11.2'),
    '3.13': r('1.14.1'),
  },
  // matplotlib release notes and the index's files: 3.1.2 first with 3.8 wheels; 3.3.3 first with 3.9; 3.3.4
  // last for 3.6; 3.5.0 first with 3.10; 3.5.3 last for 3.7; 3.6.1 first with 3.11; 3.7.5 last for 3.8; 3.8.0
  // first with 3.12; 3.9.2 first with 3.13; 3.9.4 last for 3.9.
  matplotlib: {
    '3.6': r('2.0.0', '3.3.4'),
    '3.7': r('2.2.3', '3.5.3'),
    '3.8': r('3.1.2', '3.7.5'),
    '3.9': r('3.3.3', '3.9.4'),
    '3.10': r('3.5.0'),
    '3.11': r('3.6.1'),
    '3.12': r('3.8.0'),
    '3.13': r('3.9.2'),
  },
  // Pillow release notes ("Python 3.x wheels"): 5.2.0 for 3.7, 6.2.1 for 3.8, 8.0.0 for 3.9, 8.4.0 for 3.10,
  // 9.3.0 for 3.11, 10.1.0 for 3.12, 11.0.0 for 3.13; dropped: 3.6 after 8.4.0, 3.7 after 9.5.0, 3.8 after
  // 10.4.0, 3.9 after 11.3.0.
  pillow: {
    '3.6': r('4.0.0', '8.4.0'),
    '3.7': r('5.2.0', '9.5.0'),
    '3.8': r('6.2.1', '10.4.0'),
    '3.9': r('8.0.0', '11.3.0'),
    '3.10': r('8.4.0'),
    '3.11': r('9.3.0'),
    '3.12': r('10.1.0'),
    '3.13': r('11.0.0'),
  },
  // lxml's CHANGES.txt: 4.6.4 wheels for 3.10, 4.9.2 for 3.11, 4.9.3 for 3.12, 5.3.0 for 3.13; the 4.9 series
  // is the last known to carry 3.6 and 3.7 wheels.
  lxml: {
    '3.6': r('3.8.0', '4.9.3'),
    '3.7': r('4.3.0', '4.9.4'),
    '3.8': r('4.5.0'),
    '3.9': r('4.6.2'),
    '3.10': r('4.6.4'),
    '3.11': r('4.9.2'),
    '3.12': r('4.9.3'),
    '3.13': r('5.3.0'),
  },
  // h5py release notes: 2.10.0 for 3.8, 3.1.0 for 3.9 (and last for 3.6), 3.6.0 for 3.10, 3.8.0 for 3.11 (and
  // last for 3.7), 3.10.0 for 3.12, 3.11.0 last for 3.8, 3.12.1 for 3.13.
  h5py: {
    '3.6': r('2.7.0', '3.1.0'),
    '3.7': r('2.9.0', '3.8.0'),
    '3.8': r('2.10.0', '3.11.0'),
    '3.9': r('3.1.0', '3.12.1'),
    '3.10': r('3.6.0'),
    '3.11': r('3.8.0'),
    '3.12': r('3.10.0'),
    '3.13': r('3.12.1'),
  },
  // Apache Arrow release blog posts: 0.10.0 for 3.7, 0.16.0 for 3.8, 3.0.0 for 3.9, 6.0.0 for 3.10 (and last
  // for 3.6), 10.0.1 for 3.11, 12.0.1 last for 3.7, 14.0.0 for 3.12, 17.0.0 last for 3.8, 18.0.0 for 3.13.
  pyarrow: {
    '3.6': r('0.8.0', '6.0.1'),
    '3.7': r('0.10.0', '12.0.1'),
    '3.8': r('0.16.0', '17.0.0'),
    '3.9': r('3.0.0', '18.1.0'),
    '3.10': r('6.0.0'),
    '3.11': r('10.0.1'),
    '3.12': r('14.0.0'),
    '3.13': r('18.0.0'),
  },
  // PyTorch release notes (the PyPI manylinux wheels): 1.4.0 for 3.8, 1.7.1 "Python 3.9 binaries", 1.10.2 last
  // for 3.6, 1.11.0 for 3.10, 1.13.0 for 3.11, 1.13.1 last for 3.7, 2.2.0 for 3.12, 2.4.1 last for 3.8,
  // 2.5.0 for 3.13, 2.8.0 last for 3.9.
  torch: {
    '3.6': r('1.0.0', '1.10.2'),
    '3.7': r('1.0.0', '1.13.1'),
    '3.8': r('1.4.0', '2.4.1'),
    '3.9': r('1.7.1', '2.8.0'),
    '3.10': r('1.11.0'),
    '3.11': r('1.13.0'),
    '3.12': r('2.2.0'),
    '3.13': r('2.5.0'),
  },
  // TensorFlow's tested build configurations (tensorflow.org/install/source#linux): 1.13.1 for 3.7, 2.2.0 for
  // 3.8, 2.5.0 for 3.9, 2.6.2 last for 3.6, 2.8.0 for 3.10, 2.11.0 last for 3.7, 2.12.0 for 3.11, 2.13.1 last
  // for 3.8, 2.16.1 for 3.12, 2.16.2 last for 3.9. 3.13 is not in the table: no finding is made there.
  tensorflow: {
    '3.6': r('1.2.0', '2.6.2'),
    '3.7': r('1.13.1', '2.11.0'),
    '3.8': r('2.2.0', '2.13.1'),
    '3.9': r('2.5.0', '2.16.2'),
    '3.10': r('2.8.0'),
    '3.11': r('2.12.0'),
    '3.12': r('2.16.1'),
  },
  // opencv-python's releases: 4.1.2.30 for 3.8, 4.4.0.46 for 3.9, 4.5.4.58 for 3.10; from 4.5.5.62 one
  // `cp36-abi3` / `cp37-abi3` wheel serves every later CPython (so 3.11+ start there); 4.6.0.66 last for 3.6.
  'opencv-python': {
    '3.6': r('3.4.0.12', '4.6.0.66'),
    '3.7': r('3.4.3.18'),
    '3.8': r('4.1.2.30'),
    '3.9': r('4.4.0.46'),
    '3.10': r('4.5.4.58'),
    '3.11': r('4.5.5.62'),
    '3.12': r('4.5.5.62'),
    '3.13': r('4.5.5.62'),
  },
  // psycopg2's NEWS: psycopg2-binary exists from 2.7.4; 2.8.4 wheels for 3.8, 2.8.6 for 3.9, 2.9.2 for 3.10,
  // 2.9.5 for 3.11 (and last for 3.6), 2.9.9 for 3.12 (and last for 3.7), 2.9.10 for 3.13.
  'psycopg2-binary': {
    '3.6': r('2.7.4', '2.9.5'),
    '3.7': r('2.7.5', '2.9.9'),
    '3.8': r('2.8.4'),
    '3.9': r('2.8.6'),
    '3.10': r('2.9.2'),
    '3.11': r('2.9.5'),
    '3.12': r('2.9.9'),
    '3.13': r('2.9.10'),
  },
};

/** Same builds under another name: the headless OpenCV wheels are released with the same versions. */
export const WHEEL_ALIASES: Readonly<Record<string, string>> = {
  'opencv-python-headless': 'opencv-python',
  'opencv-contrib-python': 'opencv-python',
  'opencv-contrib-python-headless': 'opencv-python',
};

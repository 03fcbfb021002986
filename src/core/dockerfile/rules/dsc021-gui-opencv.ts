import { DscRule, RuleHit } from './types';
import { pipInstalls, replace } from './context';
import { HEADLESS } from '../../generate/lean';

const OPENCV = /^(opencv-python|opencv-contrib-python)((?:[=<>!~].*)?)$/i;

export const dsc021: DscRule = {
  id: 'DSC021',
  severity: 'information',
  message:
    '`pip install opencv-python` brings the GUI build (Qt, X11, libGL): `opencv-python-headless` is the same cv2 ' +
    'without them.',
  docs: [
    "OpenCV's GUI build bundles Qt and links X11 and libGL, which slim images lack (`libGL.so.1` errors at import)",
    'and which a container rarely uses: no window opens there. Unless the code calls `cv2.imshow`, `namedWindow` or',
    '`waitKey` (with a display passed in), install `opencv-python-headless` (or `opencv-contrib-python-headless`):',
    'the same versions, the same `import cv2`, tens of MB smaller, and no libgl1 to install.',
    '',
    'Quick fix: installs the headless twin (the version kept). `scaffold` makes this choice itself from the code.',
  ].join('\n'),
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const i of ctx.df.getInstructions()) {
      if (i.getKeyword() !== 'RUN') continue;
      for (const { args } of pipInstalls(ctx, i)) {
        for (const w of args) {
          const m = OPENCV.exec(w.value);
          if (!m) continue;
          const twin = HEADLESS[m[1].toLowerCase()];
          const span = ctx.span(w.start, w.end);
          // The word's value is unquoted; its span holds the quotes, which the fix keeps.
          const q = /["']/.test(ctx.text[w.start]) ? ctx.text[w.start] : '';
          hits.push({
            span,
            fixes: () => [{ title: `Install ${twin}`, edits: [replace(span, `${q}${twin}${m[2]}${q}`)] }],
          });
        }
      }
    }
    return hits;
  },
};

import { DscRule, RuleHit } from './types';
import { replace } from './context';
import { nameAndTag } from '../../registry/reference';
import { runtimeCudaImage } from '../../generate/images';

export const dsc020: DscRule = {
  id: 'DSC020',
  severity: 'information',
  message: 'The image runs FROM a CUDA `devel` base: its compilers and headers (gigabytes) are not needed to run.',
  docs: [
    "NVIDIA's `devel` images add nvcc, the CUDA headers and static libraries to the `runtime` ones: several",
    'gigabytes that only building CUDA code needs. The final stage runs the project; it needs the `runtime` tag.',
    'Compile in a build stage `FROM …-devel-… AS build` when something must be compiled, and copy the result.',
    '',
    'Quick fix: replaces `devel` with `runtime` in the tag of the final stage. `ds-containers size` measures',
    'what the toolkit takes in a built image.',
  ].join('\n'),
  check(ctx) {
    const hits: RuleHit[] = [];
    const last = ctx.stages[ctx.stages.length - 1];
    const from = last?.from;
    const image = from?.getImage();
    const tagRange = from?.getImageTagRange();
    const runtime = image ? runtimeCudaImage(image) : undefined;
    if (!from || !runtime || !tagRange) return hits;
    const tag = nameAndTag(runtime).tag ?? 'latest';
    hits.push({
      span: ctx.rangeSpan(tagRange),
      fixes: () => [{ title: `Run FROM the runtime image (${tag})`, edits: [replace(ctx.rangeSpan(tagRange), tag)] }],
    });
    return hits;
  },
};

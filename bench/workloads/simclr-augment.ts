// The `augment` workload of bench/torch_reference.py: SimCLR's two-view
// augmentation of 2048 random uint8 32x32x3 images (random resized crop 32, flip p 0.5,
// colour jitter 0.4/0.4/0.4/0.1 with p 0.8, grayscale p 0.2; no blur): `simclrView` of
// @selfsup/vision with SIMCLR_CIFAR_VIEW, twice per step. The images are converted once
// to float32 in [0, 1]; the views come out as float32 in [0, 1], as torchvision's
// ToTensor gives them. rate = views per second.
import { createRandom } from '@selfsup/core';
import { SIMCLR_CIFAR_VIEW, simclrView } from '@selfsup/vision';
import type { Workload } from './workload.js';

export function simclrAugment(count = 2048): Workload {
  const [height, width, channels] = [32, 32, 3];
  const pixels = createRandom(0);
  const data = new Float32Array(count * height * width * channels);
  for (let i = 0; i < data.length; i++) data[i] = pixels.integer(256) / 255; // uint8 -> [0, 1]
  const images = { data, batch: count, height, width, channels };
  const random = createRandom(1);
  return {
    name: 'augment',
    unit: 'views/s',
    itemsPerStep: 2 * count,
    step: () => {
      simclrView(images, random, { recipe: SIMCLR_CIFAR_VIEW });
      simclrView(images, random, { recipe: SIMCLR_CIFAR_VIEW });
    },
    dispose: () => {},
  };
}

import { createRandom } from '@selfsup/core';
import { describe, expect, it } from 'vitest';
import { augmentView } from './augment-view.js';
import { SIMCLR_CIFAR_VIEW, SIMCLR_IMAGENET_VIEW, simclrColorJitter, simclrView } from './simclr-view.js';
import { bytes, randomImages } from '../../test/fixtures/images.js';

describe('simclrView', () => {
  it("has SimCLR's parameters (Chen et al. 2020)", () => {
    expect(simclrColorJitter(1)).toEqual({ brightness: 0.8, contrast: 0.8, saturation: 0.8, hue: 0.2, probability: 0.8 });
    const half = simclrColorJitter(0.5);
    expect([half.brightness, half.contrast, half.saturation, half.hue]).toEqual([0.4, 0.4, 0.4, 0.1]);
    expect(SIMCLR_IMAGENET_VIEW).toEqual({
      crop: { scale: [0.08, 1], ratio: [3 / 4, 4 / 3] },
      horizontalFlip: { probability: 0.5 },
      colorJitter: simclrColorJitter(1),
      grayscale: { probability: 0.2 },
      gaussianBlur: { probability: 0.5, sigma: [0.1, 2.0] },
    });
    // The CIFAR view: strength 0.5 (the reference script's 0.4/0.4/0.4/0.1) and no blur.
    expect(SIMCLR_CIFAR_VIEW).toEqual({ ...SIMCLR_IMAGENET_VIEW, colorJitter: simclrColorJitter(0.5), gaussianBlur: undefined });
    expect(SIMCLR_CIFAR_VIEW.gaussianBlur).toBeUndefined();
    // Presets are frozen: a shared constant cannot be changed by accident.
    expect(Object.isFrozen(SIMCLR_CIFAR_VIEW) && Object.isFrozen(SIMCLR_CIFAR_VIEW.crop) && Object.isFrozen(SIMCLR_CIFAR_VIEW.crop?.scale)).toBe(
      true,
    );
  });

  it('picks the CIFAR view for images up to 32 pixels and the ImageNet view above', () => {
    const cifar = randomImages(1, 4, 32, 32, 3);
    expect(bytes(simclrView(cifar, createRandom(2))).equals(bytes(augmentView(cifar, createRandom(2), SIMCLR_CIFAR_VIEW)))).toBe(true);
    const larger = randomImages(3, 2, 40, 40, 3);
    expect(bytes(simclrView(larger, createRandom(4))).equals(bytes(augmentView(larger, createRandom(4), SIMCLR_IMAGENET_VIEW)))).toBe(true);
    // The output size decides: 40x40 images cropped to 24 get the CIFAR view.
    const small = simclrView(larger, createRandom(4), { size: 24 });
    expect(
      bytes(small).equals(bytes(augmentView(larger, createRandom(4), { ...SIMCLR_CIFAR_VIEW, crop: { ...SIMCLR_CIFAR_VIEW.crop, size: 24 } }))),
    ).toBe(true);
  });

  it('gives two different views of the same batch from one generator, deterministically', () => {
    const images = randomImages(5, 8, 32, 32, 3);
    const random = createRandom(6);
    const first = simclrView(images, random);
    const second = simclrView(images, random);
    expect(bytes(first).equals(bytes(second))).toBe(false);
    const again = createRandom(6);
    expect(bytes(simclrView(images, again)).equals(bytes(first))).toBe(true);
    expect(bytes(simclrView(images, again)).equals(bytes(second))).toBe(true);
  });

  it('works on one-channel MNIST-sized images, in [0, 1]', () => {
    const mnist = randomImages(7, 6, 28, 28, 1);
    const out = simclrView(mnist, createRandom(8));
    expect([out.batch, out.height, out.width, out.channels]).toEqual([6, 28, 28, 1]);
    for (const v of out.data) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
  });

  it('names options.size and the images in errors', () => {
    const images = randomImages(9, 1, 8, 8, 3);
    expect(() => simclrView(images, createRandom(0), { size: 0 })).toThrow(/simclrView: options.size must be a positive integer, got 0/);
    expect(() => simclrView({ ...images, height: 7 }, createRandom(0))).toThrow(/simclrView: images.data must have/);
  });
});

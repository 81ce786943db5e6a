import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { loadMnist } from '@selfsup/vision/node';

/**
 * Writes real MNIST test digits as PNG files in the ImageFolder layout
 * (`root/<digit>/<n>.png`): `perClass` images of each of `digits`.
 */
export async function writeDigitFolder(root: string, options: { digits: number[]; perClass: number }): Promise<void> {
  const mnist = await loadMnist('test', { limit: 2000 });
  const written = new Map<number, number>();
  const jobs: Promise<unknown>[] = [];
  for (let i = 0; i < mnist.count; i++) {
    const label = mnist.labels[i];
    const count = written.get(label) ?? 0;
    if (!options.digits.includes(label) || count >= options.perClass) continue;
    written.set(label, count + 1);
    mkdirSync(join(root, String(label)), { recursive: true });
    const pixels = mnist.pixels.subarray(i * 784, (i + 1) * 784);
    jobs.push(sharp(Buffer.from(pixels), { raw: { width: 28, height: 28, channels: 1 } }).png().toFile(join(root, String(label), `${String(count).padStart(3, '0')}.png`)));
  }
  await Promise.all(jobs);
}

import { describe, expect, it } from 'vitest';
import { encodeNpy } from './npy.js';

/** An independent reader of the .npy 1.0 layout (magic, version, header length, header, data). */
function decode(bytes: Uint8Array) {
  const magic = String.fromCharCode(...bytes.subarray(1, 6));
  const headerLength = bytes[8] + 256 * bytes[9];
  const header = String.fromCharCode(...bytes.subarray(10, 10 + headerLength));
  const data = new Float32Array(bytes.slice(10 + headerLength).buffer);
  return { first: bytes[0], magic, version: [bytes[6], bytes[7]], header, headerLength, data };
}

describe('encodeNpy', () => {
  it('writes a NumPy 1.0 header that numpy.load accepts and the values in C order', () => {
    const values = Float32Array.from([1, -2.5, 3, 4.25, 5, 6]);
    const file = decode(encodeNpy(values, [2, 3]));
    expect([file.first, file.magic, file.version]).toEqual([0x93, 'NUMPY', [1, 0]]);
    expect(file.header.trimEnd()).toBe("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }");
    expect(file.header).toMatch(/} +\n$/);
    expect((10 + file.headerLength) % 64).toBe(0);
    expect(Array.from(file.data)).toEqual([1, -2.5, 3, 4.25, 5, 6]);
  });

  it('writes one-dimensional shapes with the trailing comma and copies a subarray only', () => {
    const base = Float32Array.from([9, 1, 2, 9]);
    const file = decode(encodeNpy(base.subarray(1, 3), [2]));
    expect(file.header).toContain("'shape': (2,)");
    expect(Array.from(file.data)).toEqual([1, 2]);
  });

  it('rejects a shape that does not match the values', () => {
    expect(() => encodeNpy(new Float32Array(5), [2, 3])).toThrow('encodeNpy: shape [2,3] holds 6 values, got 5');
  });
});

/**
 * Encodes a float32 matrix as a NumPy .npy file (format 1.0, little-endian '<f4', C order),
 * readable with `numpy.load`.
 *
 * @example
 * await writeFile('embeddings.npy', encodeNpy(features.values, [features.count, features.dimension]));
 */
export function encodeNpy(values: Float32Array, shape: readonly number[]): Uint8Array {
  const size = shape.reduce((a, b) => a * b, 1);
  if (size !== values.length) throw new Error(`encodeNpy: shape [${shape}] holds ${size} values, got ${values.length}`);
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': ${shapeText}, }`;
  // Magic (6) + version (2) + header length (2) + header, padded with spaces to a multiple of 64, ending in '\n'.
  const unpadded = 10 + header.length + 1;
  header += `${' '.repeat((64 - (unpadded % 64)) % 64)}\n`;
  const bytes = new Uint8Array(10 + header.length + values.byteLength);
  bytes.set([0x93, ...Array.from('NUMPY', (c) => c.charCodeAt(0)), 1, 0]);
  new DataView(bytes.buffer).setUint16(8, header.length, true);
  bytes.set(
    Array.from(header, (c) => c.charCodeAt(0)),
    10,
  );
  const body = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('encodeNpy: big-endian hosts are not supported');
  bytes.set(body, 10 + header.length);
  return bytes;
}

/** The element types of the IDX format (LeCun's MNIST files), by their type byte. */
const IDX_TYPES = {
  0x08: { name: 'uint8', bytes: 1 },
  0x09: { name: 'int8', bytes: 1 },
  0x0b: { name: 'int16', bytes: 2 },
  0x0c: { name: 'int32', bytes: 4 },
  0x0d: { name: 'float32', bytes: 4 },
  0x0e: { name: 'float64', bytes: 8 },
} as const;

export type IdxType = (typeof IDX_TYPES)[keyof typeof IDX_TYPES]['name'];

export interface IdxArray {
  type: IdxType;
  /** Dimensions, outermost first (e.g. [60000, 28, 28]). */
  shape: number[];
  data: Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;
}

/**
 * Parses an IDX file (the format of the MNIST files): two zero bytes, a type byte, the
 * number of dimensions, one big-endian uint32 per dimension, then the values, big-endian.
 * Bad magic, a truncated file or trailing bytes throw an error naming `source`.
 *
 * @example
 * const labels = parseIdx(await readFile('train-labels-idx1-ubyte'), 'train-labels-idx1-ubyte');
 * // { type: 'uint8', shape: [60000], data: Uint8Array(60000) }
 */
export function parseIdx(bytes: Uint8Array, source: string): IdxArray {
  if (bytes.length < 4) throw new Error(`parseIdx: ${source} is ${bytes.length} bytes long, too short for an IDX header`);
  const type = IDX_TYPES[bytes[2] as keyof typeof IDX_TYPES];
  if (bytes[0] !== 0 || bytes[1] !== 0 || !type) {
    const magic = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new Error(`parseIdx: ${source} is not an IDX file: bad magic number ${magic} (expected 00 00, a type byte 08/09/0b/0c/0d/0e, a rank)`);
  }
  const rank = bytes[3];
  const headerBytes = 4 + 4 * rank;
  if (bytes.length < headerBytes) {
    throw new Error(`parseIdx: ${source} is truncated: its header needs ${headerBytes} bytes for ${rank} dimensions, the file has ${bytes.length}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shape = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i, false));
  const count = shape.reduce((a, b) => a * b, 1);
  const expected = headerBytes + count * type.bytes;
  if (bytes.length !== expected) {
    const what = bytes.length < expected ? 'truncated' : 'longer than its header says';
    throw new Error(`parseIdx: ${source} is ${what}: [${shape.join(', ')}] ${type.name} needs ${expected} bytes, the file has ${bytes.length}`);
  }
  return { type: type.name, shape, data: readValues(view, headerBytes, count, type.name) };
}

function readValues(view: DataView, offset: number, count: number, type: IdxType): IdxArray['data'] {
  switch (type) {
    case 'uint8':
      return new Uint8Array(view.buffer.slice(view.byteOffset + offset, view.byteOffset + offset + count));
    case 'int8':
      return new Int8Array(view.buffer.slice(view.byteOffset + offset, view.byteOffset + offset + count));
    case 'int16':
      return Int16Array.from({ length: count }, (_, i) => view.getInt16(offset + 2 * i, false));
    case 'int32':
      return Int32Array.from({ length: count }, (_, i) => view.getInt32(offset + 4 * i, false));
    case 'float32':
      return Float32Array.from({ length: count }, (_, i) => view.getFloat32(offset + 4 * i, false));
    case 'float64':
      return Float64Array.from({ length: count }, (_, i) => view.getFloat64(offset + 8 * i, false));
  }
}

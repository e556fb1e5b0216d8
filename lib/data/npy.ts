/**
 * Reader for NumPy `.npy` float32 matrices (format spec: numpy.lib.format): magic `\x93NUMPY`,
 * version byte major.minor (1.0: 2-byte little-endian header length; 2.0 and 3.0: 4-byte; 3.0
 * header in UTF-8), then a Python dict literal such as
 * `{'descr': '<f4', 'fortran_order': False, 'shape': (100, 768), }`, padded so the data starts
 * at a multiple of 64 bytes. Only little-endian float32 (`<f4`), C order, 2-D shape (n, d).
 *
 * Example: `readNpyF32('emb.npy')` -> `{ rows: 100, cols: 768, data: Float32Array(76800) }`.
 */
import { DataError } from './errors';
import { readBytes } from './read';

export interface NpyMatrix {
  rows: number;
  cols: number;
  data: Float32Array;
}

/** Parse `.npy` bytes (see module doc); `file` names the source in errors. */
export function parseNpyF32(bytes: Uint8Array, file: string): NpyMatrix {
  const fail = (field: string, d: string): never => {
    throw new DataError(file, 'header', field, d);
  };
  const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
  if (bytes.length < 10 || magic.some((b, i) => bytes[i] !== b)) fail('magic', 'not a .npy file (missing \\x93NUMPY magic)');
  const major = bytes[6];
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let hlen: number;
  let start: number;
  if (major === 1) {
    hlen = dv.getUint16(8, true);
    start = 10;
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) fail('version', 'truncated header');
    hlen = dv.getUint32(8, true);
    start = 12;
  } else {
    return fail('version', `unsupported .npy version ${major}.${bytes[7]} (expected 1, 2 or 3)`);
  }
  if (start + hlen > bytes.length) fail('header', 'truncated header');
  const header = Buffer.from(bytes.buffer, bytes.byteOffset + start, hlen).toString(major === 3 ? 'utf8' : 'latin1');
  const descr = /['"]descr['"]\s*:\s*['"]([^'"]+)['"]/.exec(header)?.[1];
  if (descr !== '<f4') fail('descr', `expected little-endian float32 '<f4', got ${descr === undefined ? 'none' : `'${descr}'`}`);
  const fortran = /['"]fortran_order['"]\s*:\s*(True|False)/.exec(header)?.[1];
  if (fortran !== 'False') fail('fortran_order', `expected C order (False), got ${fortran ?? 'none'}`);
  const shapeStr = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (shapeStr === undefined) return fail('shape', 'missing');
  const shape = shapeStr.split(',').map((s) => s.trim()).filter((s) => s !== '').map(Number);
  if (shape.length !== 2 || shape.some((x) => !Number.isInteger(x) || x < 0)) fail('shape', `expected a 2-D shape (n, d), got (${shapeStr})`);
  const [rows, cols] = shape;
  const off = start + hlen;
  const need = rows * cols * 4;
  if (bytes.length - off !== need) {
    throw new DataError(file, 'data', 'shape', `shape (${rows}, ${cols}) needs ${need} data bytes, file has ${bytes.length - off}`);
  }
  const data = new Float32Array(rows * cols);
  const src = new DataView(bytes.buffer, bytes.byteOffset + off, need);
  for (let i = 0; i < rows * cols; i++) data[i] = src.getFloat32(i * 4, true);
  return { rows, cols, data };
}

/** Read a `.npy` float32 matrix from disk. */
export function readNpyF32(file: string): NpyMatrix {
  return parseNpyF32(readBytes(file), file);
}

/**
 * Column standardisation fitted on training rows: z = (x - mean) / std, population std
 * (divide by n). Columns with std = 0 on the training rows get std = 1 (they stay centred at 0).
 * Used by the dense featurizers (TextStats, PythonCodeFeatures, MetaFeatures).
 *
 * @example
 * const s = fitStandardizer(Float64Array.of(1, 3), 2, 1); // mean [2], std [1]
 * applyStandardizer(s, Float64Array.of(4), 1); // Float64Array [2]
 */
export interface Standardizer {
  mean: Float64Array;
  std: Float64Array;
}

export function fitStandardizer(data: Float64Array, rows: number, cols: number): Standardizer {
  const mean = new Float64Array(cols);
  const std = new Float64Array(cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) mean[j] += data[i * cols + j];
  for (let j = 0; j < cols; j++) mean[j] = rows > 0 ? mean[j] / rows : 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const d = data[i * cols + j] - mean[j];
      std[j] += d * d;
    }
  }
  for (let j = 0; j < cols; j++) {
    const s = rows > 0 ? Math.sqrt(std[j] / rows) : 0;
    std[j] = s > 1e-12 ? s : 1;
  }
  return { mean, std };
}

/** Returns a new array; the input is not modified. */
export function applyStandardizer(s: Standardizer, data: Float64Array, cols: number): Float64Array {
  const out = new Float64Array(data.length);
  for (let t = 0; t < data.length; t++) {
    const j = t % cols;
    out[t] = (data[t] - s.mean[j]) / s.std[j];
  }
  return out;
}

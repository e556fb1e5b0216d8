/**
 * Data stage: the dataset shapes (types), the manifest and verified fetch, loaders for the
 * registered datasets and for a researcher's own files, splits, embeddings, summaries.
 */
export * from './types';
export { DataError } from './errors';
export { parseCsv, type CsvTable } from './csv';
export { readManifest, upstreamUrl, MANIFEST_PATH, type ManifestEntry } from './manifest';
export { fetchData, fetchEntry, ensureData, entriesFor, sha256Hex, fileSha256, mirrorDir, type FetchOptions, type FetchResult, type FetchStatus } from './fetch';
export { DATASET_NAMES, MMLU_SUBJECTS, datasetInfo, isDatasetName, type DatasetName, type DatasetInfo } from './catalog';
export { loadBestOfK, loadRouting, loadDataset, defaultCosts, GSM8K_MODELS, DEFAULT_MODEL, type BestOfKOptions, type RoutingOptions, type LoadOptions } from './registry';
export { reduceSteps, type StepReduce } from './sources/rewardmath';
export { makeBestOfK, makeRouting } from './build';
export { kfold, foldSplit } from './splits';
export { summarizeDataset, summarizeAll, subsetBestOfK, missingDataFiles, datasetsFrame, type DatasetSummary } from './summary';
export { loadBestOfKFile, loadRoutingFile, readUserRows, type BestOfKFileSpec, type RoutingFileSpec, type UserRows } from './user_files';
export { loadEmbeddings, joinEmbeddings, type Embeddings, type LoadEmbeddingsOptions } from './embeddings';
export { parseNpyF32, readNpyF32, type NpyMatrix } from './npy';
export { syntheticBinaryBatch, simulatedPredictions, type SyntheticBatch, type SyntheticBatchOptions } from './synthetic';

export * from './rng';
export * from './fs';

/**
 * adaptive-compute: the library behind the notebooks. Stages follow the data's path:
 * data -> rewards -> features -> predictors -> allocate -> evaluate -> plot -> experiment -> notebook.
 * Each stage is a namespace here; import a stage directly (`dist/allocate`) when you prefer.
 */
export * as util from './util';
export * as data from './data';
export * as rewards from './rewards';
export * as features from './features';
export * as predictors from './predictors';
export * as allocate from './allocate';
export * as evaluate from './evaluate';
export * as plot from './plot';
export * as experiment from './experiment';
export * as notebook from './notebook';

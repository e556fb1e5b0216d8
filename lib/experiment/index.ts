/**
 * experiment: end-to-end runs composed from the earlier stages (data -> rewards -> features ->
 * predictors -> allocate -> evaluate -> plot), one function per experiment.
 */
export * from './bestofk';
export { defaultFeaturizer, predictFold, shrinkageWeight, binaryCounts, qRows, type FoldOutput, type PredictOptions } from './bestofk_predict';
export { planFolds, splitHeldout, type FoldPlan, type SplitOptions } from './bestofk_split';
export { computeCurves, valuesOf, type CurveInputs, type CurveSet } from './bestofk_curves';
export { CurveLogistic, type CurveLogisticOptions } from './bestofk_curve_model';
export * from './bestofk_figures';
export * from './bestofk_report';
export * from './routing';

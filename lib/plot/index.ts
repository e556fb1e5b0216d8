/**
 * plot: plotly figure builders (plain objects), saving them as HTML + PNG + SVG, and showing
 * them inside a tslab notebook.
 */
export * from './figures';
export * from './export';
export * from './display';

/**
 * notebook: helpers for working in a tslab notebook: reloading the built library after
 * `npm run build -- --watch` recompiles (loadLibrary), and progress lines for long cells.
 */
export * from './reload';
export * from './progress';

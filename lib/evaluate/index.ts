export {};
export * from './sequential';
